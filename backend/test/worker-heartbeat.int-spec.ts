import { API_PATHS, type HealthDto, type JobDto } from '@clippyfront/shared';
import { childProcesses } from './support/processes.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { startWorkerProcess, type WorkerProcess, workerEnv } from './support/worker-process.js';

const WORKER_API_KEY = 'heartbeat-test-worker-key-0123456789';

/** Default JOB_STALL_SECONDS (120), WORKER_HEARTBEAT_TIMEOUT_SECONDS and worker heartbeat. */
describe('a worker killed mid-job, at default settings', () => {
  const redis = createRedisPrefix('heartbeat');
  let db: TestDatabase;
  let app: TestApp;
  const workers: WorkerProcess[] = [];

  const startWorker = (name: string) => {
    const worker = startWorkerProcess({
      ...workerEnv(app.baseUrl, WORKER_API_KEY, redis.prefix),
      WORKER_NAME: name,
    });
    workers.push(worker);
    return worker;
  };
  const job = async (id: string) => (await app.api<JobDto>(API_PATHS.job(id))).body;
  /** Waits for the job to pass `check`; a timeout shows the job as it was. */
  const jobWhen = (id: string, what: string, check: (job: JobDto) => boolean, timeoutMs: number) =>
    waitFor(
      what,
      async () => {
        const current = await job(id);
        return check(current) ? current : undefined;
      },
      timeoutMs,
    ).catch(async (error: Error) => {
      throw new Error(`${error.message}: ${JSON.stringify(await job(id))}`);
    });
  const onlineNames = async () =>
    (await app.api<HealthDto>(API_PATHS.health)).body.workers.list.map((worker) => worker.name);

  beforeAll(async () => {
    db = await createTestDatabase('heartbeat');
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
    });
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
  });

  it('runs its job again on another worker within 30 s, which completes it once', async () => {
    expect(app.config.jobs.stallSeconds).toBe(120);
    const pool = [startWorker('alpha'), startWorker('bravo')];
    await waitFor('both workers online', async () =>
      (await onlineNames()).length === 2 ? true : undefined,
    );
    const created = await app.api<JobDto>(API_PATHS.probe, {
      body: { durationSeconds: 10, width: 1920, height: 1080, fps: 60 },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    // Mid-job: its ffmpeg has reported progress.
    const first = await jobWhen(
      id,
      'the job to run',
      (j) => j.state === 'running' && j.progress > 5,
      60_000,
    );
    const doomed = first.workerId!.startsWith('alpha-') ? pool[0]! : pool[1]!;
    // The machine dies: the worker and its ffmpeg.
    const children = childProcesses(doomed.child.pid!, 'pid');
    doomed.child.kill('SIGKILL');
    for (const pid of children) {
      try {
        process.kill(Number(pid), 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    await doomed.exited;
    const killedAt = Date.now();
    expect((await job(id)).state).toBe('running');

    const again = await jobWhen(
      id,
      'the job to be claimed by the other worker',
      (j) => !!j.workerId && j.workerId !== first.workerId,
      60_000,
    );
    const seconds = (Date.now() - killedAt) / 1000;
    expect(seconds).toBeLessThan(30);
    expect(again.workerId).toMatch(doomed === pool[0] ? /^bravo-/ : /^alpha-/);

    const done = await jobWhen(
      id,
      'the job to finish',
      (j) => ['completed', 'failed'].includes(j.state),
      180_000,
    );
    expect(done).toMatchObject({ state: 'completed', attempts: 2 });
    expect(done.log).toEqual(
      expect.arrayContaining([
        expect.stringMatching(
          new RegExp(`^Worker ${first.workerId} stopped sending heartbeats .*attempt 1 of 3`),
        ),
      ]),
    );
    expect(done.log.filter((line) => line === 'Completed')).toHaveLength(1);
    expect(done.log.filter((line) => line.startsWith('Claimed by'))).toHaveLength(2);
  }, 300_000);
});
