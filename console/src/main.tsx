#!/usr/bin/env node
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import { render } from 'ink';
import { ApiClient } from './api/api-client.js';
import { Poller } from './api/poller.js';
import { parseCliArgs, USAGE, UsageError } from './cli-args.js';
import { LogTailer } from './logs/log-tailer.js';
import { Dashboard } from './ui/Dashboard.js';

/** console/{src,dist} → the repository root. */
const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

async function main(): Promise<number> {
  loadDotenv({ path: [`${process.cwd()}/.env`, `${PROJECT_ROOT}/.env`] });
  let parsed;
  try {
    parsed = parseCliArgs(process.argv.slice(2), process.env, PROJECT_ROOT);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (!process.stdin.isTTY || !process.stdout.isTTY) {
    process.stderr.write('The console needs a terminal (stdin and stdout a TTY).\n');
    return 2;
  }
  const { options } = parsed;
  const client = new ApiClient(options.apiUrl, options.token);
  const api = new Poller(() => client.snapshot(), options.intervalMs);
  const logs = options.logsDir ? new LogTailer({ dir: options.logsDir }) : null;
  const app = render(
    <Dashboard
      apiUrl={options.apiUrl}
      api={api}
      logs={logs}
      logsUnavailable={options.logsUnavailable ?? undefined}
    />,
    { alternateScreen: true, exitOnCtrlC: true },
  );
  await app.waitUntilExit();
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
