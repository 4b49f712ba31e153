import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import pg from 'pg';
import { serverEnv, SOCKET_PORT } from './postgres-data-dir.js';
import type { ServerAccount } from './server-account.js';

export type EmbeddedLog = (message: string, level: 'debug' | 'log' | 'warn') => void;

const READY_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 20_000;

export function connectionUrl(socketDir: string): string {
  return `postgresql://postgres@/postgres?host=${encodeURIComponent(socketDir)}&port=${SOCKET_PORT}`;
}

/** The postgres server process: started, waited for, stopped with a fast shutdown. */
export class PostgresProcess {
  private readonly exited: Promise<void>;
  private readonly stopOnExit = () => this.child.kill('SIGINT');
  private stopping = false;

  private constructor(
    private readonly child: ChildProcess,
    log: EmbeddedLog,
  ) {
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        if (!this.stopping) {
          log(`The embedded PostgreSQL stopped unexpectedly (${signal ?? `exit ${code}`})`, 'warn');
        }
        resolve();
      }),
    );
    // A process.exit() anywhere must not leave the server running on its own.
    process.once('exit', this.stopOnExit);
  }

  static async start(options: {
    binary: string;
    dataDir: string;
    socketDir: string;
    account: ServerAccount | undefined;
    log: EmbeddedLog;
  }): Promise<PostgresProcess> {
    const { binary, dataDir, socketDir, account, log } = options;
    const child = spawn(
      binary,
      [
        ...['-D', dataDir, '-k', socketDir, '-p', String(SOCKET_PORT)],
        ...['-c', 'listen_addresses=', '-c', 'unix_socket_permissions=0700'],
        ...['-c', 'logging_collector=off', '-c', 'log_min_error_statement=panic'],
      ],
      {
        ...(account && { uid: account.uid, gid: account.gid }),
        env: serverEnv(),
        stdio: ['ignore', 'ignore', 'pipe'],
        // Its own process group: a Ctrl-C in the terminal reaches the app, which drains its
        // requests and then stops the server, instead of both stopping at once.
        detached: true,
      },
    );
    const recent: string[] = [];
    createInterface({ input: child.stderr! }).on('line', (line) => {
      recent.push(line);
      if (recent.length > 20) recent.shift();
      log(line, /\b(FATAL|PANIC):/.test(line) ? 'warn' : 'debug');
    });
    const server = new PostgresProcess(child, log);
    const failed = new Promise<never>((_, reject) => {
      child.once('error', reject);
      child.once('exit', (code, signal) =>
        reject(
          new Error(
            `The embedded PostgreSQL exited at start (${signal ?? `exit ${code}`}): ` +
              recent.slice(-5).join(' | '),
          ),
        ),
      );
    });
    failed.catch(() => undefined);
    try {
      await Promise.race([waitUntilReady(connectionUrl(socketDir)), failed]);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** SIGINT is PostgreSQL's fast shutdown: sessions ended, a checkpoint, then exit. */
  async stop(): Promise<void> {
    this.stopping = true;
    process.removeListener('exit', this.stopOnExit);
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGINT');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await this.exited;
    clearTimeout(timer);
  }
}

async function waitUntilReady(url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > deadline) {
        throw new Error(`The embedded PostgreSQL did not accept connections: ${String(error)}`, {
          cause: error,
        });
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await client.end().catch(() => undefined);
    }
  }
}

/**
 * A server left by a process that crashed (it holds the folder's lock now, so nobody else
 * owns it): stopped. A `postmaster.pid` naming a reused pid is removed.
 */
export async function stopLeftoverServer(dataDir: string, log: EmbeddedLog): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  if (!isPostgresOf(pid, dataDir)) {
    log(`Removing a stale ${pidFile} (pid ${pid} is another program)`, 'log');
    rmSync(pidFile, { force: true });
    return;
  }
  log(`Stopping the embedded PostgreSQL (pid ${pid}) left running by a crashed process`, 'warn');
  for (const [signal, waitMs] of [
    ['SIGINT', STOP_TIMEOUT_MS],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    process.kill(pid, signal);
    const deadline = Date.now() + waitMs;
    while (isAlive(pid) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    if (!isAlive(pid)) return;
  }
  throw new Error(`The embedded PostgreSQL left running (pid ${pid}) does not stop`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function isPostgresOf(pid: number, dataDir: string): boolean {
  try {
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
    return args.some((arg) => arg.endsWith('postgres')) && args.includes(dataDir);
  } catch {
    // No /proc (macOS): trust the pid file, as PostgreSQL itself does.
    return true;
  }
}
