import { API_PATHS, WORKER_KEY_HEADER, type HealthDto, type JobDto } from '@clippyfront/shared';
import { registerWorker } from './support/fake-worker.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process.js';

const WORKER_API_KEY = 'integration-test-worker-key-0123456789';
type ErrorBody = { statusCode: number; message: string | string[] };

describe('jobs through Bull + Redis and a separate worker process', () => {
  const redis = createRedisPrefix('bull');
  let db: TestDatabase;
  let app: TestApp;
  const workers: WorkerProcess[] = [];

  const workerEnv = () => ({
    CLIPPY_API_URL: app.baseUrl,
    WORKER_API_KEY,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: redis.prefix,
    WORKER_NAME: 'itest-worker',
    WORKER_HEARTBEAT_SECONDS: '1',
  });
  const startWorker = () => {
    const worker = startWorkerProcess(workerEnv());
    workers.push(worker);
    return worker;
  };
  const job = async (id: string) => (await app.api<JobDto>(API_PATHS.job(id))).body;
  const until = (id: string, states: string[], timeoutMs?: number) =>
    waitFor(
      `job ${id} to reach ${states.join('/')}`,
      async () => {
        const current = await job(id);
        return states.includes(current.state) ? current : undefined;
      },
      timeoutMs,
    );
  const onlineWorkers = async () =>
    (await app.api<HealthDto>(API_PATHS.health)).body.workers.online;

  beforeAll(async () => {
    db = await createTestDatabase('bull');
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
      JOB_STALL_SECONDS: '6',
      WORKER_ONLINE_SECONDS: '5',
    });
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
  });

  it('reports Redis up and no workers before one starts', async () => {
    const { body } = await app.api<HealthDto>(API_PATHS.health);
    expect(body.redis.status).toBe('up');
    expect(body.jobs.mode).toBe('redis');
    expect(body.workers.online).toBe(0);
  });

  it('runs a probe job on a worker process that has no database credentials', async () => {
    const worker = startWorker();
    expect(worker.child.spawnargs).toBeDefined();
    await waitFor('worker heartbeat', async () =>
      (await onlineWorkers()) === 1 ? true : undefined,
    );
    const health = (await app.api<HealthDto>(API_PATHS.health)).body;
    expect(health.workers.list[0]).toMatchObject({
      name: 'itest-worker',
      queues: ['gpu', 'celery'],
    });

    const created = await app.api<JobDto>(API_PATHS.probe, {
      body: { durationSeconds: 1, width: 128, height: 96, fps: 12 },
    });
    expect(created.status).toBe(201);
    const done = await until(created.body.id, ['completed', 'failed']);
    expect(done.state).toBe('completed');
    expect(done.workerId).toMatch(/^itest-worker-/);
    expect(done.result).toMatchObject({ video: { width: 128, height: 96, fps: 12 } });
    expect(done.log).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Claimed by itest-worker-/),
        expect.stringMatching(/^Probed: /),
      ]),
    );
    expect(worker.output()).not.toMatch(/DATABASE_URL/);
  });

  it('refuses worker calls without the key, with a wrong key, or with a stale token', async () => {
    const noKey = await app.api<ErrorBody>(API_PATHS.worker.heartbeat, { body: {} });
    expect(noKey.status).toBe(401);
    const wrongKey = await app.api<ErrorBody>(API_PATHS.worker.heartbeat, {
      body: {},
      headers: { [WORKER_KEY_HEADER]: 'x'.repeat(WORKER_API_KEY.length) },
    });
    expect(wrongKey.status).toBe(401);

    // The shared key only registers: every other worker call needs the worker's own token.
    const shared = await app.api<ErrorBody>(API_PATHS.worker.heartbeat, {
      body: {},
      headers: { [WORKER_KEY_HEADER]: WORKER_API_KEY },
    });
    expect(shared.status).toBe(401);
    const { workerId, token } = await registerWorker(app.baseUrl, WORKER_API_KEY, 'intruder');
    const headers = { [WORKER_KEY_HEADER]: token };
    const badBeat = await app.api<ErrorBody>(API_PATHS.worker.heartbeat, {
      body: { workerId: 'w', name: 'w', queues: ['nope'], concurrency: 0, version: '1' },
      headers,
    });
    expect(badBeat.status).toBe(400);

    const { body: jobs } = await app.api<{ items: JobDto[] }>(`${API_PATHS.jobs}?state=completed`);
    const finished = jobs.items[0]!;
    const claim = await app.api<ErrorBody>(API_PATHS.worker.claim(finished.id), {
      body: { workerId },
      headers,
    });
    expect(claim.status).toBe(409);
    const update = await app.api<ErrorBody>(API_PATHS.worker.update(finished.id), {
      body: { token: 'not-the-token-of-this-claim', progress: 50 },
      headers,
    });
    expect(update.status).toBe(409);
    expect(await job(finished.id)).toMatchObject({ state: 'completed', progress: 100 });
    // A failure that arrives after its claim ended is refused, but its reason is kept.
    const late = await app.api<ErrorBody>(API_PATHS.worker.fail(finished.id), {
      body: { token: 'not-the-token-of-this-claim', error: 'source unreadable' },
      headers,
    });
    expect(late.status).toBe(409);
    const after = await job(finished.id);
    expect(after).toMatchObject({ state: 'completed', error: null });
    expect(after.log.at(-1)).toBe('An earlier attempt reported failing: source unreadable');
  });

  it('cancels a running job on the worker and the worker stops it', async () => {
    const created = await app.api<JobDto>(API_PATHS.probe, {
      body: { durationSeconds: 10, width: 1920, height: 1080, fps: 60 },
    });
    await waitFor('progress from the worker', async () => {
      const current = await job(created.body.id);
      return current.state === 'running' && current.log.length > 2 ? current : undefined;
    });
    const cancelled = await app.api<JobDto>(API_PATHS.jobCancel(created.body.id), {
      method: 'POST',
    });
    expect(cancelled.body.state).toBe('cancelled');
    await waitFor('the worker to drop the job', async () =>
      /Job \S+ cancelled/.test(workers[0]!.output()) ? true : undefined,
    );
    expect((await job(created.body.id)).state).toBe('cancelled');
  });

  it('requeues a job whose worker died (SIGKILL) and another worker finishes it', async () => {
    const created = await app.api<JobDto>(API_PATHS.probe, {
      body: { durationSeconds: 10, width: 1920, height: 1080, fps: 30 },
    });
    const running = await until(created.body.id, ['running']);
    await workers[0]!.stop('SIGKILL');
    startWorker();
    const done = await until(created.body.id, ['completed', 'failed'], 90_000);
    expect(done.state).toBe('completed');
    expect(done.attempts).toBe(2);
    expect(done.workerId).not.toBe(running.workerId);
    expect(done.log).toEqual(expect.arrayContaining([expect.stringMatching(/stopped reporting/)]));
  });

  it('delivers queued jobs again after Redis lost them', async () => {
    await Promise.all(workers.map((worker) => worker.stop()));
    const created = await app.api<JobDto>(API_PATHS.probe, {
      body: { durationSeconds: 1, width: 64, height: 48, fps: 5 },
    });
    expect(await redis.deleteKeys()).toBeGreaterThan(0); // as if Redis restarted empty
    startWorker();
    const done = await until(created.body.id, ['completed', 'failed'], 60_000);
    expect(done.state).toBe('completed');
    expect(done.attempts).toBe(1);
  });

  it('a worker started without its settings stops with a message naming them', async () => {
    const bare = startWorkerProcess({});
    workers.push(bare);
    expect(await bare.exited).toBe(78);
    expect(bare.output()).toMatch(/CLIPPY_API_URL: is required/);
    expect(bare.output()).toMatch(/WORKER_API_KEY: is required/);
    expect(bare.output()).toMatch(/REDIS_URL: is required/);
  });
});
