import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './app-harness.js';

/** A separate worker as deployed: `node worker/dist/main.js` (built by `npm start`). */
export interface WorkerSpec {
  name: string;
  queues: string;
}

export interface RunningWorkers {
  output(): string;
  stop(): Promise<void>;
}

/** Starts each worker against the API and Redis; `stop` kills them and removes their folders. */
export function startWorkers(
  specs: WorkerSpec[],
  connection: { apiUrl: string; apiKey: string; redisUrl: string; queuePrefix: string },
): RunningWorkers {
  const scratch = mkdtempSync(join(tmpdir(), 'clippyfront-e2e-workers-'));
  let output = '';
  const children: ChildProcess[] = specs.map((spec) => {
    const child = spawn(process.execPath, [join(ROOT, 'worker', 'dist', 'main.js')], {
      env: {
        PATH: process.env.PATH ?? '',
        CLIPPY_API_URL: connection.apiUrl,
        WORKER_API_KEY: connection.apiKey,
        REDIS_URL: connection.redisUrl,
        QUEUE_PREFIX: connection.queuePrefix,
        WORKER_NAME: spec.name,
        WORKER_QUEUES: spec.queues,
        WORKER_HEARTBEAT_SECONDS: '2',
        DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
        COMPILE_CACHE_DIR: join(scratch, spec.name, 'cache'),
        WORKER_STATE_DIR: join(scratch, spec.name, 'state'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const record = (chunk: Buffer) => (output += `[${spec.name}] ${chunk.toString()}`);
    child.stdout?.on('data', record);
    child.stderr?.on('data', record);
    return child;
  });
  return {
    output: () => output,
    async stop() {
      await Promise.all(
        children.map((child) =>
          child.exitCode === null && child.signalCode === null
            ? new Promise((done) => {
                child.once('exit', done);
                child.kill('SIGKILL');
              })
            : undefined,
        ),
      );
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}
