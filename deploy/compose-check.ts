/**
 * Checks of deploy/compose.yaml against the repository: every variable a service reads or the
 * file interpolates is described in .env.example, and every image built here contains what its
 * start command and health check run. Used by compose.spec.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

export interface ComposeService {
  build?: { context?: string; dockerfile?: string } | string;
  image?: string;
  environment?: Record<string, unknown> | string[];
  command?: string | string[];
  healthcheck?: { test?: string | string[] };
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
}

/** Names in .env.example: `NAME=…` lines, commented out or not. */
export function envExampleNames(text: string): Set<string> {
  return new Set([...text.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
}

/** `${NAME}`, `${NAME:-default}`, `${NAME:?message}` anywhere in the compose file. */
export function interpolatedNames(text: string): string[] {
  return [...new Set([...text.matchAll(/\$\{([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1]))];
}

export function serviceEnvNames(service: ComposeService): string[] {
  const env = service.environment ?? {};
  return Array.isArray(env) ? env.map((entry) => entry.split('=')[0]) : Object.keys(env);
}

/** "service: NAME" for every variable .env.example does not describe. */
export function undocumentedEnv(
  compose: ComposeFile,
  text: string,
  example: Set<string>,
): string[] {
  const missing = Object.entries(compose.services).flatMap(([name, service]) =>
    serviceEnvNames(service)
      .filter((env) => !example.has(env))
      .map((env) => `${name}: ${env}`),
  );
  const interpolated = interpolatedNames(text)
    .filter((env) => !example.has(env))
    .map((env) => `\${${env}}`);
  return [...missing, ...interpolated];
}

export interface Dockerfile {
  workdir: string;
  /** COPY sources (context-relative) and their destination in the image (absolute). */
  copies: { sources: string[]; dest: string; intoFolder: boolean }[];
  runs: string[];
  cmd: string[];
}

export function parseDockerfile(text: string): Dockerfile {
  const lines = text
    .replace(/\\\r?\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const result: Dockerfile = { workdir: '/', copies: [], runs: [], cmd: [] };
  for (const line of lines) {
    const [instruction, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    switch (instruction.toUpperCase()) {
      case 'WORKDIR':
        result.workdir = posix.resolve(result.workdir, args);
        break;
      case 'COPY': {
        const parts = rest.filter((part) => !part.startsWith('--'));
        const dest = parts.pop() ?? '.';
        result.copies.push({
          sources: parts,
          dest: posix.resolve(result.workdir, dest),
          intoFolder: dest === '.' || dest.endsWith('/') || parts.length > 1,
        });
        break;
      }
      case 'RUN':
        result.runs.push(args);
        break;
      case 'CMD':
        result.cmd = args.startsWith('[') ? (JSON.parse(args) as string[]) : args.split(/\s+/);
        break;
    }
  }
  return result;
}

/**
 * Whether .dockerignore keeps a context-relative path (or one of its folders) out: the last
 * pattern that matches decides, and `!pattern` lets it back in.
 */
function ignores(patterns: string[], path: string): boolean {
  const toRegex = (pattern: string) =>
    new RegExp(
      `^${pattern
        .replace(/[.+^$()|[\]{}]/g, '\\$&')
        .replace(/\*\*\//g, '(?:.*/)?')
        .replace(/\*/g, '[^/]*')}(?:/.*)?$`,
    );
  let ignored = false;
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (toRegex(negated ? pattern.slice(1) : pattern).test(path)) ignored = !negated;
  }
  return ignored;
}

export interface ImageCheck {
  service: string;
  /** What the service runs, as context-relative files. */
  needs: string[];
  problems: string[];
}

/** The files a start command or health check runs, as paths in the image. */
export function commandFiles(
  command: string[],
  workdir: string,
  readScripts: (workspace: string) => Record<string, string>,
): string[] {
  const args = command[0] === 'CMD' ? command.slice(1) : command;
  if (args[0] === 'node' && args[1] && !args[1].startsWith('-')) {
    return [posix.resolve(workdir, args[1])];
  }
  if (args[0] === 'npm' && args[1] === 'run') {
    const workspace = args[args.indexOf('-w') + 1];
    if (!args.includes('-w') || !workspace) return [];
    const script = readScripts(workspace)[args[2]] ?? '';
    const file = /\bnode\s+(?:--\S+\s+)*(\S+)/.exec(script)?.[1];
    return file ? [posix.resolve(workdir, workspace, file)] : [];
  }
  return [];
}

/**
 * Whether the image has `imagePath`: copied from the build context as it is, or — for a
 * workspace's dist/ output — its TypeScript source copied and that workspace built by a RUN.
 */
function checkFile(
  imagePath: string,
  docker: Dockerfile,
  contextDir: string,
  ignored: string[],
): string | null {
  for (const copy of docker.copies) {
    for (const source of copy.sources) {
      const target =
        source === '.' || !copy.intoFolder
          ? copy.dest
          : posix.join(copy.dest, posix.basename(source));
      if (imagePath !== target && !imagePath.startsWith(`${target}/`)) continue;
      const relative = posix.join(source, imagePath.slice(target.length + 1));
      if (existsSync(join(contextDir, relative)) && !ignores(ignored, relative)) return null;
      const built = /^(.+)\/dist\/(.+)\.js$/.exec(relative);
      if (!built) {
        return `${imagePath}: ${relative} is ${existsSync(join(contextDir, relative)) ? 'kept out by .dockerignore' : 'not in the build context'}`;
      }
      const [, workspace, file] = built;
      const sourceFile = `${workspace}/src/${file}.ts`;
      if (!existsSync(join(contextDir, sourceFile)) || ignores(ignored, sourceFile)) {
        return `${imagePath}: neither it nor its source ${sourceFile} is copied`;
      }
      const builds = docker.runs.some(
        (run) =>
          /npm run build(?!\S)/.test(run) &&
          (!/npm run build[^&]*-w\s/.test(run) ||
            new RegExp(`-w\\s+${workspace}(\\s|$)`).test(run)),
      );
      if (!builds) return `${imagePath}: no RUN builds the ${workspace} workspace`;
      if (!docker.runs.some((run) => /npm (install|ci)\b/.test(run))) {
        return `${imagePath}: no RUN installs the dependencies (npm install)`;
      }
      return null;
    }
  }
  return `${imagePath}: no COPY puts it in the image`;
}

/** For each service built from this repository: does its image hold what it runs? */
export function checkImages(compose: ComposeFile, composeDir: string): ImageCheck[] {
  return Object.entries(compose.services)
    .filter(([, service]) => service.build)
    .map(([name, service]) => {
      const build = typeof service.build === 'string' ? { context: service.build } : service.build!;
      const contextDir = join(composeDir, build.context ?? '.');
      const dockerfilePath = join(contextDir, build.dockerfile ?? 'Dockerfile');
      const docker = parseDockerfile(readFileSync(dockerfilePath, 'utf8'));
      const ignoreFile = [`${dockerfilePath}.dockerignore`, join(contextDir, '.dockerignore')].find(
        existsSync,
      );
      const ignored = ignoreFile
        ? readFileSync(ignoreFile, 'utf8')
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line && !line.startsWith('#'))
        : [];
      const readScripts = (workspace: string) =>
        (
          JSON.parse(readFileSync(join(contextDir, workspace, 'package.json'), 'utf8')) as {
            scripts?: Record<string, string>;
          }
        ).scripts ?? {};
      const command = service.command
        ? Array.isArray(service.command)
          ? service.command
          : service.command.split(/\s+/)
        : docker.cmd;
      const health = service.healthcheck?.test;
      const commands = [command, ...(Array.isArray(health) ? [health] : [])];
      const files = commands.flatMap((c) => commandFiles(c, docker.workdir, readScripts));
      const problems = files.length
        ? files
            .map((file) => checkFile(file, docker, contextDir, ignored))
            .filter((p) => p !== null)
        : [`cannot tell what "${command.join(' ')}" runs`];
      const relative = (file: string) =>
        file.startsWith(`${docker.workdir}/`) ? file.slice(docker.workdir.length + 1) : file;
      return { service: name, needs: files.map(relative), problems };
    });
}

export const COMPOSE_DIR = dirname(new URL(import.meta.url).pathname);
