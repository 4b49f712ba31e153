import {
  BUILT_IN_THEMES,
  THEME_COLOUR_KEYS,
  THEME_COLOUR_PATTERN,
  THEME_CSS_VARIABLES,
  themeCss,
  themeStylesheetPath,
} from './themes.js';

describe('themes', () => {
  it('has every colour of both built-in palettes as #rrggbb', () => {
    const hex = new RegExp(THEME_COLOUR_PATTERN);
    for (const base of ['dark', 'light'] as const) {
      expect(Object.keys(BUILT_IN_THEMES[base].colours).sort()).toEqual(
        [...THEME_COLOUR_KEYS].sort(),
      );
      for (const key of THEME_COLOUR_KEYS) {
        expect([base, key, hex.test(BUILT_IN_THEMES[base].colours[key])]).toEqual([
          base,
          key,
          true,
        ]);
      }
    }
  });

  it('maps each colour to its own CSS variable', () => {
    const names = Object.values(THEME_CSS_VARIABLES);
    expect(new Set(names).size).toBe(THEME_COLOUR_KEYS.length);
    expect(names.every((name) => name.startsWith('--cf-'))).toBe(true);
  });

  it('writes the :root rule with color-scheme and every variable', () => {
    const css = themeCss('light', BUILT_IN_THEMES.light.colours);
    expect(css.startsWith(':root:root {\n  color-scheme: light;\n  --cf-bg: #f5f6fa;\n')).toBe(
      true,
    );
    expect(css.match(/--cf-[\w-]+: #[0-9a-f]{6};/g)).toHaveLength(16);
    expect(css.endsWith('}\n')).toBe(true);
  });

  it("gives each user choice's stylesheet path", () => {
    expect(themeStylesheetPath('site')).toBe('/theme.css');
    expect(themeStylesheetPath('light')).toBe('/theme.css?base=light');
    expect(themeStylesheetPath('dark')).toBe('/theme.css?base=dark');
  });
});
