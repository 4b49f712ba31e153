import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Bull from 'bull';
import pg from 'pg';
import {
  API_PATHS,
  WORKER_KEY_HEADER,
  type AdminWorkerDto,
  type ClaimJobResponse,
  type JobDto,
  type WorkerRegisterResponse,
} from '@clippyfront/shared';
import { tempInstanceDir } from './support/files.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { api, startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { startWorkerProcess, type WorkerProcess, workerEnv } from './support/worker-process.js';

const WORKER_API_KEY = 'queue-rename-test-worker-key-0123456789';
const DEPRECATED = "queue name 'cpu' is deprecated; use 'celery'";

/**
 * The general queue was `cpu` and is `celery` (as in the original's deployments): jobs saved and
 * queued before the upgrade still run, once, and workers that still say `cpu` still take them.
 */
describe('the general queue renamed from cpu to celery (real API, Redis and worker processes)', () => {
  const redis = createRedisPrefix('qrename');
  const instanceDir = tempInstanceDir('clippyfront-qrename-');
  const processes: WorkerProcess[] = [];
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;

  const env = () => ({
    DATABASE_URL: db.url,
    REDIS_URL: TEST_REDIS_URL,
    QUEUE_PREFIX: redis.prefix,
    WORKER_API_KEY,
    LOG_LEVEL: 'info',
  });
  const bullQueue = (name: string) => new Bull(name, TEST_REDIS_URL, { prefix: redis.prefix });
  const waitingIds = async (name: string) => {
    const queue = bullQueue(name);
    try {
      const jobs = await queue.getJobs(['waiting', 'delayed', 'paused']);
      return jobs.filter(Boolean).map((job) => job.data.jobId as string);
    } finally {
      await queue.close();
    }
  };
  const job = async (id: string) => (await app.api<JobDto>(API_PATHS.job(id))).body;
  const probe = async () => {
    const created = await app.api<JobDto>(API_PATHS.probe, {
      body: { durationSeconds: 1, width: 64, height: 48, fps: 5 },
    });
    expect(created.status).toBe(201);
    return created.body;
  };
  const finished = (id: string) =>
    waitFor(
      `job ${id} to finish`,
      async () => {
        const current = await job(id);
        return ['completed', 'failed'].includes(current.state) ? current : undefined;
      },
      60_000,
    ).catch((error: Error) => {
      const output = processes.map((p) => p.output()).join('\n---\n');
      throw new Error(`${error.message}\n${output}`);
    });
  const startWorker = (name: string, queues: string) => {
    const worker = startWorkerProcess({
      ...workerEnv(app.baseUrl, WORKER_API_KEY, redis.prefix),
      WORKER_NAME: name,
      WORKER_QUEUES: queues,
      WORKER_HEARTBEAT_SECONDS: '1',
    });
    processes.push(worker);
    return worker;
  };
  const registered = async (name: string) =>
    waitFor(`worker ${name} online`, async () => {
      const { body } = await app.api<AdminWorkerDto[]>(API_PATHS.admin.workers);
      return body.find((worker) => worker.name === name && worker.online);
    });
  /** The API's log messages (its files hold JSON lines). */
  const apiLog = () => {
    const dir = join(app.instanceDir, 'logs');
    return readdirSync(dir)
      .filter((name) => name.endsWith('.log'))
      .flatMap((name) => readFileSync(join(dir, name), 'utf8').split('\n'))
      .filter(Boolean)
      .map((line) => String((JSON.parse(line) as { msg?: unknown }).msg))
      .join('\n');
  };
  const occurrences = (text: string, what: string) => text.split(what).length - 1;

  beforeAll(async () => {
    db = await createTestDatabase('queue_rename');
    app = await startTestApp(env(), instanceDir);
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await Promise.all(processes.map((worker) => worker.stop('SIGKILL')));
    await sql?.end();
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
  });

  it('upgrading: a job saved and waiting on the old cpu queue runs once on a celery worker', async () => {
    // Before the upgrade: no worker online, a probe job queued on "cpu" in the table and in Bull.
    const before = await probe();
    expect(before).toMatchObject({ state: 'queued', queue: 'celery' });
    await app.close({ keepInstance: true });
    const current = bullQueue('celery');
    await current.empty();
    await current.close();
    const legacy = bullQueue('cpu');
    await legacy.add(
      'probe',
      { jobId: before.id },
      { jobId: `${before.id}:legacy`, removeOnComplete: true, removeOnFail: true },
    );
    await legacy.close();
    await sql.query(`UPDATE jobs SET queue = 'cpu' WHERE id = $1`, [before.id]);
    await sql.query(`DELETE FROM migrations WHERE name = 'CeleryQueue1795720000000'`);
    expect(await waitingIds('cpu')).toEqual([before.id]);
    expect(await waitingIds('celery')).toEqual([]);

    // The upgraded API: the migration renames the stored queue, the start moves the wake-up.
    app = await startTestApp(env(), instanceDir);
    const { rows } = await sql.query<{ queue: string }>(`SELECT queue FROM jobs WHERE id = $1`, [
      before.id,
    ]);
    expect(rows).toEqual([{ queue: 'celery' }]);
    await waitFor('the old queue drained', async () =>
      (await waitingIds('cpu')).length === 0 ? true : undefined,
    );
    expect(await waitingIds('celery')).toEqual([before.id]);
    const moved = 'Moved 1 waiting job(s) from the old "cpu" queue to "celery"';
    await waitFor('the move logged', async () => (apiLog().includes(moved) ? true : undefined));

    const worker = startWorker('celery-box', 'celery');
    const done = await finished(before.id);
    expect(done).toMatchObject({ state: 'completed', queue: 'celery', attempts: 1 });
    expect(done.workerId).toMatch(/^celery-box-/);
    expect(done.log.filter((line) => line.startsWith('Claimed by'))).toHaveLength(1);
    expect(worker.output()).not.toContain('deprecated');
    await worker.stop();
  });

  it("a worker started with WORKER_QUEUES=gpu,cpu takes celery jobs and says 'cpu' is deprecated once", async () => {
    const worker = startWorker('legacy-env-box', 'gpu,cpu');
    const online = await registered('legacy-env-box');
    expect(online.queues).toEqual(['gpu', 'celery']);
    const created = await probe();
    const done = await finished(created.id);
    expect(done).toMatchObject({ state: 'completed', queue: 'celery' });
    expect(done.workerId).toMatch(/^legacy-env-box-/);
    expect(occurrences(worker.output(), `WORKER_QUEUES: ${DEPRECATED}`)).toBe(1);
    await worker.stop();
  });

  it("an old worker sending 'cpu' is stored as celery, logged once, and woken on the old queue", async () => {
    const about = { name: 'old-box', concurrency: 1, version: 'old', ffmpegVersion: null };
    const registeredOld = await api<WorkerRegisterResponse>(
      app.baseUrl,
      API_PATHS.worker.register,
      {
        body: { ...about, queues: ['cpu'] },
        headers: { [WORKER_KEY_HEADER]: WORKER_API_KEY },
      },
    );
    expect(registeredOld.status).toBe(201);
    const { workerId, token } = registeredOld.body;
    for (let beat = 0; beat < 3; beat++) {
      const answer = await api(app.baseUrl, API_PATHS.worker.heartbeat, {
        body: { ...about, queues: ['gpu', 'cpu'] },
        headers: { [WORKER_KEY_HEADER]: token },
      });
      expect(answer.status).toBeLessThan(300);
    }
    const { body } = await app.api<AdminWorkerDto[]>(API_PATHS.admin.workers);
    expect(body.find((worker) => worker.workerId === workerId)?.queues).toEqual(['gpu', 'celery']);
    const line = `Worker ${workerId} (WORKER_QUEUES): ${DEPRECATED}`;
    await waitFor('the deprecation line', async () => (apiLog().includes(line) ? true : undefined));
    expect(occurrences(apiLog(), line)).toBe(1);

    // It consumes only the old Bull queue: while it is online, celery work is woken there too.
    const created = await probe();
    expect(await waitingIds('cpu')).toEqual([created.id]);
    expect(await waitingIds('celery')).toEqual([created.id]);
    const claimed = await api<ClaimJobResponse>(app.baseUrl, API_PATHS.worker.claim(created.id), {
      body: { fair: true },
      headers: { [WORKER_KEY_HEADER]: token },
    });
    expect([claimed.status, claimed.body.jobId]).toEqual([200, created.id]);
    expect((await job(created.id)).workerId).toBe(workerId);

    const unknown = await api<{ message: string | string[] }>(
      app.baseUrl,
      API_PATHS.worker.heartbeat,
      { body: { ...about, queues: ['bogus'] }, headers: { [WORKER_KEY_HEADER]: token } },
    );
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.message)).toMatch(/queues/);
  });

  it('the migration renames cpu in saved workers’ queue lists too', async () => {
    await sql.query(
      `UPDATE workers SET queues = '["gpu", "cpu", "celery"]'::jsonb WHERE name = 'old-box'`,
    );
    await app.close({ keepInstance: true });
    await sql.query(`DELETE FROM migrations WHERE name = 'CeleryQueue1795720000000'`);
    app = await startTestApp(env(), instanceDir);
    const { rows } = await sql.query<{ queues: string[] }>(
      `SELECT queues FROM workers WHERE name = 'old-box'`,
    );
    expect(rows).toEqual([{ queues: ['gpu', 'celery'] }]);
  });
});
