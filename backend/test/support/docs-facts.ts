import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

/**
 * Checks of what the README and docs/ state against the repository: settings against
 * `.env.example`, API paths against `docs/openapi.json`, scripts and npm scripts against the
 * files and package.json, relative links against the files and their headings. Each check takes
 * a document's text and returns one line per problem, so a test can feed it a planted mistake.
 */

export interface Doc {
  /** The path from the repository root, for messages and relative links. */
  path: string;
  text: string;
}

/** The artifact sidecar's README: its own settings (not the app's), checked for the rest. */
export const SIDECAR_README = 'deploy/artifact-sync/README.md';

/** The markdown files whose facts are checked. */
export function loadDocs(root: string): Doc[] {
  const docsDir = join(root, 'docs');
  const paths = [
    'README.md',
    'deploy/README.md',
    SIDECAR_README,
    ...readdirSync(docsDir)
      .filter((name) => name.endsWith('.md'))
      .map((name) => `docs/${name}`),
  ];
  return paths.map((path) => ({ path, text: readFileSync(join(root, path), 'utf8') }));
}

/**
 * Names mentioned that are not settings of `.env.example`: Node's and CI's own, the console
 * dashboard's token (an admin's personal token, never in the server's `.env`), the e2e tests'
 * Chromium and the compile bench's rounds.
 */
export const NOT_APP_SETTINGS = [
  'NODE_OPTIONS',
  'CI',
  'CLIPPY_API_TOKEN',
  'CHROMIUM_PATH',
  'BENCH_ROUNDS',
];

const FENCE = /^```[^\n]*\n([\s\S]*?)^```/gm;

/** The text outside fenced code blocks, and the blocks themselves. */
function splitFences(text: string): { prose: string; code: string[] } {
  const code: string[] = [];
  const prose = text.replace(FENCE, (_all, body: string) => {
    code.push(body);
    return '\n';
  });
  return { prose, code };
}

/** The contents of the inline code spans (`…`) outside fenced blocks. */
function codeSpans(text: string): string[] {
  const { prose } = splitFences(text);
  return [...prose.matchAll(/`([^`\n]+)`/g)].map((match) => match[1]);
}

/** Every name `.env.example` sets or documents (commented-out lines included). */
export function envExampleNames(envExample: string): Set<string> {
  return new Set(
    [...envExample.matchAll(/^\s*#?\s*([A-Z][A-Z0-9_]{2,})=/gm)].map((match) => match[1]),
  );
}

/**
 * Names that look like settings: in a code span, an upper-case name with an underscore, a
 * `$NAME`, or a `NAME=` (and `NAME=` in fenced blocks). `PREFIX_*` stands for several.
 */
export function settingNames(text: string): string[] {
  const names = new Set<string>();
  const name = /(?<![\w$.\-/])(\$?)([A-Z][A-Z0-9_]+[A-Z0-9](?:_\*)?)(=?)(?![\w-])/g;
  for (const span of codeSpans(text)) {
    for (const [, dollar, found, assign] of span.matchAll(name)) {
      if (found.includes('_') || dollar || assign) names.add(found);
    }
  }
  for (const block of splitFences(text).code) {
    for (const [, found] of block.matchAll(/(?<![\w$.\-/])([A-Z][A-Z0-9_]+[A-Z0-9])=/g)) {
      names.add(found);
    }
  }
  return [...names];
}

export function checkSettings(doc: Doc, known: Set<string>): string[] {
  return settingNames(doc.text)
    .filter((found) => !NOT_APP_SETTINGS.includes(found))
    .filter((found) =>
      found.endsWith('_*')
        ? ![...known].some((setting) => setting.startsWith(found.slice(0, -1)))
        : !known.has(found),
    )
    .map((found) => `${doc.path}: \`${found}\` is not in .env.example`);
}

/** API paths served outside the OpenAPI document (Swagger's own pages). */
export const NOT_IN_OPENAPI = ['/api/docs', '/api/openapi.json'];

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** OpenAPI paths as `/api/a/{}/b` → their methods in upper case. */
export function openApiRoutes(openApi: { paths: Record<string, object> }): Map<string, string[]> {
  const routes = new Map<string, string[]>();
  for (const [path, operations] of Object.entries(openApi.paths)) {
    routes.set(
      path.replace(/\{[^}]+\}/g, '{}'),
      Object.keys(operations).map((method) => method.toUpperCase()),
    );
  }
  return routes;
}

/**
 * One written path as the concrete paths it names: `:id`, `{id}` and `<id>` are parameters,
 * `{a,b}` and a segment `a|b` are alternatives, a query string is dropped.
 */
export function expandPath(written: string): string[] {
  let paths = [''];
  const clean = written.replace(/[?#].*$/, '').replace(/[.,;:]+$/, '');
  for (const segment of clean.split('/').slice(1)) {
    let options: string[];
    const braces = /^\{([^}]*,[^}]*)\}$/.exec(segment);
    if (braces) options = braces[1].split(',');
    else if (segment.includes('|')) options = segment.split('|');
    else options = [segment];
    options = options.map((option) =>
      /^(:\w+|\{\w+\}|<\w+>)$/.test(option) ? '{}' : option.replace(/^:\w+/, '{}'),
    );
    paths = paths.flatMap((path) => options.map((option) => `${path}/${option}`));
  }
  return paths;
}

export function checkApiPaths(doc: Doc, routes: Map<string, string[]>): string[] {
  const problems: string[] = [];
  const pattern = new RegExp(
    `(?:((?:${METHODS.join('|')})(?:\\|(?:${METHODS.join('|')}))*)\\s+)?(?<![\\w./:])(/api(?:/[^\\s\`'")]*)?)`,
    'g',
  );
  for (const span of codeSpans(doc.text)) {
    for (const [, methods, written] of span.matchAll(pattern)) {
      if (written === '/api' || NOT_IN_OPENAPI.includes(written)) continue;
      const prefixOnly = written.endsWith('…');
      for (const path of expandPath(written.replace(/…$/, ''))) {
        if (prefixOnly) {
          if (![...routes.keys()].some((route) => route.startsWith(path)))
            problems.push(`${doc.path}: no API path starts with \`${path}\``);
          continue;
        }
        const served = routes.get(path.replace(/\/$/, ''));
        if (!served) {
          problems.push(`${doc.path}: \`${path}\` (from \`${written}\`) is not in openapi.json`);
          continue;
        }
        for (const method of methods?.split('|') ?? []) {
          if (!served.includes(method))
            problems.push(`${doc.path}: \`${method} ${path}\` is not in openapi.json`);
        }
      }
    }
  }
  return problems;
}

/** `scripts/x.sh` that do not exist, and `npm run x [-w ws]` / `npm start|test` without a script. */
export function checkScripts(doc: Doc, root: string): string[] {
  const problems: string[] = [];
  for (const [script] of doc.text.matchAll(/\bscripts\/[\w.-]+\.(?:sh|mjs|js|ts)\b/g)) {
    if (!existsSync(join(root, script))) problems.push(`${doc.path}: ${script} does not exist`);
  }
  const scriptsOf = (workspace: string | undefined): Record<string, string> => {
    const file = join(root, workspace ?? '', 'package.json');
    return existsSync(file)
      ? ((JSON.parse(readFileSync(file, 'utf8')) as { scripts?: Record<string, string> }).scripts ??
          {})
      : {};
  };
  const npm =
    /\bnpm (?:run ([\w:.-]+)|(start|test))\b(?:[^\n`&|;#]*?(?:-w|--workspace)[ =](\w+))?/g;
  for (const [, run, builtin, workspace] of doc.text.matchAll(npm)) {
    const name = run ?? builtin;
    if (!(name in scriptsOf(workspace)))
      problems.push(
        `${doc.path}: npm script \`${name}\`${workspace ? ` (-w ${workspace})` : ''} does not exist`,
      );
  }
  return problems;
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[`*_]/g, '')
    .replace(/[^\p{L}\p{N}\s-]/gu, '')
    .replace(/\s/g, '-');
}

export function anchorsOf(text: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, heading] of splitFences(text).prose.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = headingAnchor(heading);
    let anchor = base;
    for (let n = 1; anchors.has(anchor); n++) anchor = `${base}-${n}`;
    anchors.add(anchor);
  }
  return anchors;
}

/** Relative links (and images) whose file, or whose `#anchor` in a markdown file, is missing. */
export function checkLinks(doc: Doc, root: string): string[] {
  const problems: string[] = [];
  const { prose } = splitFences(doc.text);
  for (const [, target] of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
    if (/^[a-z][a-z+.-]*:/i.test(target)) continue;
    const [file, anchor] = target.split('#');
    const absolute = file ? resolve(root, dirname(doc.path), file) : join(root, doc.path);
    const shown = relative(root, absolute);
    if (!existsSync(absolute)) {
      problems.push(`${doc.path}: link to ${target}: ${shown} does not exist`);
      continue;
    }
    if (anchor && absolute.endsWith('.md')) {
      if (!anchorsOf(readFileSync(absolute, 'utf8')).has(anchor))
        problems.push(`${doc.path}: link to ${target}: no heading #${anchor} in ${shown}`);
    }
  }
  return problems;
}
