import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILT_IN_THEMES, THEME_COLOUR_KEYS, THEME_CSS_VARIABLES } from '@clippyfront/shared';

/** The stylesheets angular.json bundles, and the component files (their inline `styles`). */
const STYLESHEETS = ['styles.css', 'arrange.css', 'compile.css', 'export.css'];
const read = (file: string) => readFileSync(join(__dirname, file), 'utf8');
const COLOUR = /#[0-9a-f]{3,8}\b|\b(?:rgba?|hsla?|hwb|lab|lch|oklab|oklch)\(/gi;
const NAMED =
  /(?<![-\w])(?:white|black|red|green|blue|gr[ae]y|orange|purple|yellow|pink)(?![-\w])/gi;

/** styles.css without its first rule: the palette, the one place colours are written. */
function withoutPalette(css: string): { palette: string; rest: string } {
  const start = css.indexOf(':root {');
  const end = css.indexOf('\n}\n', start) + 3;
  return { palette: css.slice(start, end), rest: css.slice(0, start) + css.slice(end) };
}

const uncommented = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '');

function componentFiles(dir = join(__dirname, 'app')): string[] {
  const { readdirSync, statSync } = jest.requireActual<typeof import('node:fs')>('node:fs');
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return componentFiles(path);
    return /\.(ts|html)$/.test(name) && !name.endsWith('.spec.ts') ? [path] : [];
  });
}

describe('theme tokens', () => {
  it('declares every theme colour in the palette, with the built-in dark values', () => {
    const { palette } = withoutPalette(read('styles.css'));
    for (const key of THEME_COLOUR_KEYS) {
      const value = BUILT_IN_THEMES.dark.colours[key];
      expect([key, palette.includes(`${THEME_CSS_VARIABLES[key]}: ${value};`)]).toEqual([
        key,
        true,
      ]);
    }
  });

  it('writes no colour outside the palette in the stylesheets', () => {
    for (const file of STYLESHEETS) {
      const css = uncommented(file === 'styles.css' ? withoutPalette(read(file)).rest : read(file));
      expect([file, css.match(COLOUR) ?? [], css.match(NAMED) ?? []]).toEqual([file, [], []]);
    }
  });

  it('writes no colour in component templates or styles', () => {
    const offenders = componentFiles().flatMap((path) => {
      const source = readFileSync(path, 'utf8');
      const styles = [
        ...source.matchAll(/styles:\s*\[([\s\S]*?)\]/g),
        ...source.matchAll(/style="([^"]*)"/g),
      ];
      return styles.flatMap((m) => (m[1]!.match(COLOUR) ? [path] : []));
    });
    expect(offenders).toEqual([]);
  });
});
