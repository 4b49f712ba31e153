import { API_PATHS, type JobDto } from '@clippyfront/shared';
import { clipsClient, registerUsers } from './support/clips-client.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { api, startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { startWorkerProcess, type WorkerProcess, workerEnv } from './support/worker-process.js';

const WORKER_API_KEY = 'integration-test-worker-key-0123456789';
type ErrorBody = {
  statusCode: number;
  message: string | string[];
  limit?: number;
  active?: number;
};

/** Long enough that a job is still running while the test queues the next ones. */
const LONG_PROBE = { durationSeconds: 8, width: 1920, height: 1080, fps: 30 };

/** The calls of one user of `app`. */
function user(app: () => TestApp, token: () => string) {
  const call = <T>(path: string, init: Parameters<typeof api>[2] = {}) =>
    api<T>(app().baseUrl, path, { token: token(), ...init });
  return {
    ...clipsClient(app, token),
    probe: (body: object) => call<JobDto & ErrorBody>(API_PATHS.probe, { body }),
    compile: (projectId: string) =>
      call<ErrorBody>(API_PATHS.projects.compile(projectId), { body: {} }),
  };
}

const until = (client: ReturnType<typeof user>, id: string, states: string[]) =>
  waitFor(
    `job ${id} to reach ${states.join('/')}`,
    async () => {
      const job = await client.job(id);
      return states.includes(job.state) ? job : undefined;
    },
    240_000,
  );

/**
 * User A queues several long probes, then user B one: with one job at a time, B's starts right
 * after A's first, before A's others (a queue in order of arrival ran all of A's first).
 */
async function expectFairOrder(a: ReturnType<typeof user>, b: ReturnType<typeof user>) {
  const first = await a.probe(LONG_PROBE);
  expect(first.status).toBe(201);
  await until(a, first.body.id, ['running']);
  const rest = [];
  for (let i = 0; i < 2; i++) {
    const queued = await a.probe(LONG_PROBE);
    expect(queued.status).toBe(201);
    rest.push(queued.body.id);
  }
  const theirs = await b.probe({ durationSeconds: 1, width: 64, height: 48, fps: 5 });
  expect(theirs.status).toBe(201);

  const bDone = await until(b, theirs.body.id, ['completed', 'failed']);
  expect(bDone.state).toBe('completed');
  const aDone = [await until(a, first.body.id, ['completed', 'failed'])];
  for (const id of rest) aDone.push(await until(a, id, ['completed', 'failed']));
  for (const job of aDone) expect(job).toMatchObject({ state: 'completed', attempts: 1 });
  expect(bDone.attempts).toBe(1);

  const started = (job: JobDto) => Date.parse(job.startedAt!);
  expect(started(bDone)).toBeGreaterThan(started(aDone[0]!));
  for (const job of aDone.slice(1)) expect(started(bDone)).toBeLessThan(started(job));
}

describe('fair job scheduling through Bull + a worker process', () => {
  const redis = createRedisPrefix('fair');
  let db: TestDatabase;
  let app: TestApp;
  let worker: WorkerProcess | undefined;
  let tokens: string[] = [];
  const a = user(
    () => app,
    () => tokens[0]!,
  );
  const b = user(
    () => app,
    () => tokens[1]!,
  );

  beforeAll(async () => {
    db = await createTestDatabase('fair_bull');
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
    });
    tokens = await registerUsers(app, 'fair_a', 'fair_b');
    worker = startWorkerProcess({
      ...workerEnv(app.baseUrl, WORKER_API_KEY, redis.prefix),
      WORKER_NAME: 'fair-worker',
      WORKER_CONCURRENCY: '1',
      WORKER_HEARTBEAT_SECONDS: '1',
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
  });

  it("runs another user's first job before one user's queued backlog", async () => {
    await expectFairOrder(a, b);
  }, 300_000);
});

describe('fair job scheduling in the embedded default (no DATABASE_URL, no REDIS_URL)', () => {
  let app: TestApp;
  let tokens: string[] = [];

  beforeAll(async () => {
    app = await startTestApp({ EMBEDDED_JOB_CONCURRENCY: '1' });
    tokens = await registerUsers(app, 'embedded_a', 'embedded_b');
  }, 180_000);

  afterAll(async () => {
    await app?.close();
  });

  it("runs another user's first job before one user's queued backlog", async () => {
    const health = await app.api<{ database: { mode: string }; jobs: { mode: string } }>(
      API_PATHS.health,
    );
    expect(health.body).toMatchObject({
      database: { mode: 'embedded' },
      jobs: { mode: 'in-process' },
    });
    await expectFairOrder(
      user(
        () => app,
        () => tokens[0]!,
      ),
      user(
        () => app,
        () => tokens[1]!,
      ),
    );
  }, 300_000);
});

describe('job caps, probe bounds and per-user rate limits (in-process jobs)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let tokens: string[] = [];
  const a = user(
    () => app,
    () => tokens[0]!,
  );
  const b = user(
    () => app,
    () => tokens[1]!,
  );

  beforeAll(async () => {
    db = await createTestDatabase('fair_inproc');
    app = await startTestApp({
      DATABASE_URL: db.url,
      EMBEDDED_JOB_CONCURRENCY: '1',
      JOBS_MAX_ACTIVE_PER_USER: '4',
      JOBS_MAX_HEAVY_PER_USER: '3',
      RATELIMIT_COMPILE: '2 per minute',
      RATELIMIT_CLIPS_ADD: '3 per minute',
      ALLOW_EXTERNAL_URLS: 'true',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    tokens = await registerUsers(app, 'cap_a', 'cap_b');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it("runs another user's first job before one user's queued backlog", async () => {
    await expectFairOrder(a, b);
  }, 300_000);

  it('refuses probes bigger than a test clip, naming the field', async () => {
    for (const [field, value, max] of [
      ['width', 3840, 1920],
      ['height', 2160, 1080],
      ['fps', 120, 60],
      ['durationSeconds', 30, 10],
    ] as const) {
      const { status, body } = await a.probe({ [field]: value });
      expect(status).toBe(400);
      expect(body.message).toEqual([`${field} must not be greater than ${max}`]);
    }
    const largest = await a.probe({ durationSeconds: 1, width: 1920, height: 1080, fps: 60 });
    expect(largest.status).toBe(201);
    await until(a, largest.body.id, ['completed', 'failed']);
  }, 120_000);

  it("caps a user's queued + running jobs (429 naming the cap), not another user's", async () => {
    const mine: string[] = [];
    for (let i = 0; i < 3; i++) {
      const queued = await a.probe(LONG_PROBE);
      expect(queued.status).toBe(201);
      mine.push(queued.body.id);
    }
    const over = await a.probe(LONG_PROBE);
    expect(over.status).toBe(429);
    expect(over.body.message).toMatch(
      /^Too many probe and compile jobs: 3 of yours are queued or running and the limit is 3 \(JOBS_MAX_HEAVY_PER_USER\)/,
    );
    expect(over.body).toMatchObject({ limit: 3, active: 3 });
    const theirs = await b.probe({ durationSeconds: 1, width: 64, height: 48, fps: 5 });
    expect(theirs.status).toBe(201);

    // Clip downloads count toward JOBS_MAX_ACTIVE_PER_USER (4): two would make 5, so the whole
    // request is refused up-front and adds nothing.
    const project = await a.project('capped');
    const urls = ['http://127.0.0.1:9/one.mp4', 'http://127.0.0.1:9/two.mp4'];
    const refused = await a.add(project, urls);
    expect(refused.status).toBe(429);
    expect(refused.body.message).toMatch(
      /^Too many jobs: 3 of yours are queued or running and the limit is 4 \(JOBS_MAX_ACTIVE_PER_USER\); this request would add 2\./,
    );
    expect(await a.clips(project)).toEqual([]);
    // A retry counts like a new job.
    const cancelled = await a.call<JobDto>(API_PATHS.jobCancel(mine[2]!), { body: {} });
    expect(cancelled.status).toBe(200);
    const again = await a.probe({ durationSeconds: 1, width: 64, height: 48, fps: 5 });
    expect(again.status).toBe(201);
    const retry = await a.call<ErrorBody>(API_PATHS.jobRetry(mine[2]!), { body: {} });
    expect(retry.status).toBe(429);

    for (const id of [...mine.slice(0, 2), again.body.id]) {
      await until(a, id, ['completed', 'failed']);
    }
    // Room again: both downloads are queued (they fail: nothing listens there).
    const accepted = await a.add(project, urls);
    expect(accepted.status).toBe(201);
    expect(accepted.body.accepted).toHaveLength(2);
  }, 300_000);

  it('holds the cap when one user sends many probes at once', async () => {
    const [token] = await registerUsers(app, 'cap_burst');
    const d = user(
      () => app,
      () => token!,
    );
    const answers = await Promise.all(Array.from({ length: 8 }, () => d.probe(LONG_PROBE)));
    const accepted = answers.filter((answer) => answer.status === 201);
    expect(accepted).toHaveLength(3);
    expect(answers.filter((answer) => answer.status === 429)).toHaveLength(5);
    for (const { body } of accepted) {
      await d.call(API_PATHS.jobCancel(body.id), { body: {} });
    }
  }, 120_000);

  it('limits compile starts and clip adds per user, whatever the IP (429 + Retry-After)', async () => {
    const theirs = await b.project('theirs');
    // A new user, so the clip adds of the test before count in no window.
    const [token] = await registerUsers(app, 'limit_c');
    const c = user(
      () => app,
      () => token!,
    );
    const own = await c.project('own');
    for (let i = 0; i < 2; i++) expect((await c.compile(own)).status).toBe(400); // empty timeline
    const compile = await c.compile(own);
    expect(compile.status).toBe(429);
    expect(compile.body.message).toMatch(
      /^Too many compile starts: at most 2 per minute for each user \(RATELIMIT_COMPILE\); try again in \d+ s$/,
    );
    expect(Number(compile.headers.get('retry-after'))).toBeGreaterThan(0);
    for (let i = 0; i < 3; i++) expect((await c.add(own, ['not a url'])).status).toBe(400);
    const add = await c.add(own, ['not a url']);
    expect(add.status).toBe(429);
    expect(add.body.message).toMatch(/^Too many clip additions: at most 3 per minute/);
    expect(Number(add.headers.get('retry-after'))).toBeGreaterThan(0);
    // Same IP, other users: their own counters.
    expect((await b.compile(theirs)).status).toBe(400);
    expect((await b.add(theirs, ['not a url'])).status).toBe(400);
  }, 120_000);
});
