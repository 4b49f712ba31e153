import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../src/config/project-paths.js';
import { TEST_REDIS_URL } from './test-redis.js';

export const WORKER_MAIN = join(PROJECT_ROOT, 'worker', 'dist', 'main.js');

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code (or signal) once the process ended. */
  exited: Promise<number | string>;
  stop(signal?: NodeJS.Signals): Promise<number | string>;
}

/** A worker of the test's API on the test's Redis (its own queue prefix), with the shared key. */
export function workerEnv(apiUrl: string, apiKey: string, queuePrefix: string) {
  return {
    CLIPPY_API_URL: apiUrl,
    WORKER_API_KEY: apiKey,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: queuePrefix,
  };
}

/** A fresh state folder (where a worker saves its token); the caller removes it. */
export const workerStateDir = () => mkdtempSync(join(tmpdir(), 'clippy-worker-state-'));

/**
 * Starts the built worker (worker/dist/main.js) as its own process with exactly `env`
 * plus PATH: no database credentials can leak in from the test's environment. Each process
 * gets a fresh WORKER_STATE_DIR (so registers anew, removed when it exits) unless `env` names one.
 */
export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const ownStateDir = env.WORKER_STATE_DIR ? null : workerStateDir();
  const child = spawn(process.execPath, [WORKER_MAIN], {
    env: { PATH: process.env.PATH ?? '', WORKER_STATE_DIR: ownStateDir ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((resolve) =>
    child.once('exit', (code, signal) => {
      if (ownStateDir) rmSync(ownStateDir, { recursive: true, force: true });
      resolve(code ?? signal ?? 'unknown');
    }),
  );
  return {
    child,
    output: () => output,
    exited,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
