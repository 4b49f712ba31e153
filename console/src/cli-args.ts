import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run console -- [options]   (or scripts/console.sh [options])

A terminal dashboard for operators: API health, workers, queues and running jobs on top,
the live API log below.

Options:
  --api URL          The API (default: CLIPPY_API_URL, else http://127.0.0.1:PORT, PORT=3000)
  --token TOKEN      An admin's personal API token (default: CLIPPY_API_TOKEN)
  --token-file FILE  Read the token from FILE (keeps it out of the process list)
  --logs DIR         Log folder to tail (default for a local API: the instance's logs/,
                     CLIPPY_INSTANCE_PATH/logs, else /mnt/clippyfront/logs, else ./instance/logs)
  --interval SEC     Seconds between API polls (default 3)
  -h, --help         This text

Keys: q quit · f cycle the minimum level · d/i/w/e toggle debug/info/warning/error
      c clear · PgUp/PgDn/Home/End (and arrows) scroll`;

export interface ConsoleOptions {
  apiUrl: string;
  token: string | null;
  /** null: no logs to tail; `logsUnavailable` says why. */
  logsDir: string | null;
  logsUnavailable: string | null;
  intervalMs: number;
}

export type ParsedArgs = { help: true } | { help: false; options: ConsoleOptions };

export class UsageError extends Error {}

export const DEFAULT_INSTANCE_MOUNT = '/mnt/clippyfront';

/** The API's own rule (backend/src/config/project-paths.ts): the env, the mount, ./instance. */
export function defaultLogsDir(
  env: NodeJS.ProcessEnv,
  projectRoot: string,
  exists: (path: string) => boolean = existsSync,
): string {
  const instance = env.CLIPPY_INSTANCE_PATH?.trim()
    ? resolve(env.CLIPPY_INSTANCE_PATH.trim())
    : exists(DEFAULT_INSTANCE_MOUNT)
      ? DEFAULT_INSTANCE_MOUNT
      : resolve(projectRoot, 'instance');
  return resolve(instance, 'logs');
}

export function isLocalUrl(url: URL): boolean {
  return (
    ['localhost', '127.0.0.1', '[::1]', '::1'].includes(url.hostname) ||
    url.hostname.startsWith('127.')
  );
}

export function parseCliArgs(
  argv: string[],
  env: NodeJS.ProcessEnv,
  projectRoot: string,
  readFile: (path: string) => string = (path) => readFileSync(path, 'utf8'),
): ParsedArgs {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        api: { type: 'string' },
        token: { type: 'string' },
        'token-file': { type: 'string' },
        logs: { type: 'string' },
        interval: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) return { help: true };

  const rawUrl = values.api ?? env.CLIPPY_API_URL ?? `http://127.0.0.1:${env.PORT || '3000'}`;
  let url: URL;
  try {
    url = new URL(rawUrl);
    if (!['http:', 'https:'].includes(url.protocol)) throw new Error();
  } catch {
    throw new UsageError(`--api: "${rawUrl}" is not an http(s) URL`);
  }

  let token = values.token ?? null;
  if (values['token-file']) {
    try {
      token = readFile(values['token-file']).trim();
    } catch (error) {
      throw new UsageError(
        `--token-file: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      );
    }
  }
  token = token?.trim() || env.CLIPPY_API_TOKEN?.trim() || null;

  const seconds = values.interval === undefined ? 3 : Number(values.interval);
  if (!Number.isFinite(seconds) || seconds < 0.5 || seconds > 3600) {
    throw new UsageError('--interval: seconds between 0.5 and 3600');
  }

  const local = isLocalUrl(url);
  const logsDir = values.logs
    ? resolve(values.logs)
    : local
      ? defaultLogsDir(env, projectRoot)
      : null;
  return {
    help: false,
    options: {
      apiUrl: url.toString().replace(/\/$/, ''),
      token,
      logsDir,
      logsUnavailable: logsDir
        ? null
        : `Logs are only available locally: run the console on the API's machine, or pass --logs DIR`,
      intervalMs: Math.round(seconds * 1000),
    },
  };
}
