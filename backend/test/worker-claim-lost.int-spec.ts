import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { API_PATHS, type HealthDto, type JobDto } from '@clippyfront/shared';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { startWorkerProcess, type WorkerProcess, workerEnv } from './support/worker-process.js';

const WORKER_API_KEY = 'claim-lost-test-worker-key-0123456789';

/** The children of a process, those whose command line matches `pattern` if given. */
function childrenOf(pid: number, pattern?: string): number[] {
  try {
    // pgrep exits 1 when there are none.
    const match = pattern ? ['-f', pattern] : [];
    return execFileSync('pgrep', ['-P', String(pid), ...match], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const jobFolders = (pid: number) =>
  readdirSync(tmpdir()).filter((name) => name.startsWith(`clippyfront-probe-${pid}-`));

const count = (text: string, pattern: RegExp) =>
  text.split('\n').filter((line) => pattern.test(line)).length;

describe('a paused worker whose job was taken over (JOB_STALL_SECONDS=5, real workers)', () => {
  const redis = createRedisPrefix('claim-lost');
  let db: TestDatabase;
  let app: TestApp;
  const workers: WorkerProcess[] = [];
  const stopped = new Set<number>();

  const startWorker = (name: string) => {
    const worker = startWorkerProcess({
      ...workerEnv(app.baseUrl, WORKER_API_KEY, redis.prefix),
      WORKER_NAME: name,
      WORKER_QUEUES: 'celery',
      WORKER_HEARTBEAT_SECONDS: '1',
    });
    workers.push(worker);
    return worker;
  };

  const online = (name: string) =>
    waitFor(`worker ${name}`, async () => {
      const { body } = await app.api<HealthDto>(API_PATHS.health);
      return body.workers.list.find((w) => w.name === name);
    });

  beforeAll(async () => {
    db = await createTestDatabase('claim_lost');
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
      JOB_STALL_SECONDS: '5',
    });
  });

  afterAll(async () => {
    for (const pid of stopped) {
      if (isAlive(pid)) process.kill(pid, 'SIGCONT');
    }
    for (const worker of workers) await worker.stop('SIGKILL');
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
  });

  it('stops at once when resumed (ffmpeg killed, folder removed, one log line); the job completes once elsewhere', async () => {
    const first = startWorker('paused-worker');
    await online('paused-worker');
    const created = await app.api<JobDto>(API_PATHS.probe, {
      body: { durationSeconds: 10, width: 1920, height: 1080, fps: 60 },
    });
    expect(created.status).toBe(201);
    const jobId = created.body.id;
    const job = async () => (await app.api<JobDto>(API_PATHS.job(jobId))).body;

    const firstPid = first.child.pid!;
    const ffmpegs = await waitFor('the first worker’s ffmpeg', async () => {
      const current = await job();
      // The encoder of the probe's test clip (not a short capability check).
      const children = childrenOf(firstPid, 'testsrc2');
      return current.state === 'running' && children.length ? children : undefined;
    });
    expect((await job()).workerId).toMatch(/^paused-worker-/);
    expect(jobFolders(firstPid)).toHaveLength(1);

    // The whole worker stops, its ffmpeg too (as on a host that froze), before the job can end.
    for (const pid of [firstPid, ...ffmpegs]) {
      process.kill(pid, 'SIGSTOP');
      stopped.add(pid);
    }
    startWorker('standby-worker');
    await online('standby-worker');
    await waitFor(
      'the job to be taken over by the standby worker',
      async () => ((await job()).workerId?.startsWith('standby-worker-') ? true : undefined),
      60_000,
    );
    for (const pid of [...ffmpegs, firstPid]) process.kill(pid, 'SIGCONT');
    stopped.clear();

    await waitFor(
      'the paused worker to give the job up',
      async () => (/the claim was lost/.test(first.output()) ? true : undefined),
      30_000,
    );
    await waitFor('its ffmpeg to be gone', async () =>
      ffmpegs.every((pid) => !isAlive(pid)) && childrenOf(firstPid).length === 0 ? true : undefined,
    );
    await waitFor('its job folder to be removed', async () =>
      jobFolders(firstPid).length === 0 ? true : undefined,
    );
    // Said once; no report is sent again after the 409.
    const output = first.output();
    expect(count(output, /the claim was lost/)).toBe(1);
    expect(count(output, /no longer current/)).toBe(1);
    expect(output).not.toMatch(/Progress report failed/);
    expect(isAlive(firstPid)).toBe(true);

    const done = await waitFor(
      'the job to complete on the standby worker',
      async () => {
        const current = await job();
        if (current.state === 'failed') throw new Error(current.error ?? 'failed');
        return current.state === 'completed' ? current : undefined;
      },
      240_000,
    );
    expect(done.workerId).toMatch(/^standby-worker-/);
    expect(done.attempts).toBe(2);
    expect(done.log.filter((line) => line === 'Completed')).toHaveLength(1);
    expect(done.log.filter((line) => line.startsWith('Claimed by'))).toHaveLength(2);
    // A few seconds later, still nothing more from the paused worker about this job.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(count(first.output(), /no longer current/)).toBe(1);
  }, 360_000);
});
