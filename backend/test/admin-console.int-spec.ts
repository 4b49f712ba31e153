import pg from 'pg';
import {
  API_PATHS,
  WORKER_KEY_HEADER,
  type AdminProjectListDto,
  type JobDto,
  type JobListDto,
  type ProjectDto,
  type RegistrationStatusDto,
  type RetryFailedJobsDto,
  type SystemInfoDto,
  type TierDto,
  type UserDto,
} from '@clippyfront/shared';
import { registerWorker } from './support/fake-worker.js';
import { registerUsers } from './support/clips-client.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { api, createToken, startTestApp, type TestApp, waitFor } from './support/test-app.js';

const WORKER_API_KEY = 'integration-test-worker-key-admin-console';
type Err = { statusCode: number; message: string | string[] };

describe('admin console (real PostgreSQL, Bull on Redis)', () => {
  const redis = createRedisPrefix('admin');
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let aliceToken: string;
  let bobToken: string;
  let aliceId: string;
  let bobId: string;
  /** The registered worker: its id (given by the API) and own token. */
  let WORKER_ID: string;
  let workerToken: string;

  const me = async (token: string) =>
    (await api<UserDto>(app.baseUrl, API_PATHS.auth.me, { token })).body;
  const heartbeat = () =>
    api(app.baseUrl, API_PATHS.worker.heartbeat, {
      headers: { [WORKER_KEY_HEADER]: workerToken },
      body: {
        workerId: WORKER_ID,
        name: 'gpu-box',
        queues: ['gpu', 'celery'],
        concurrency: 2,
        version: '0.1.0',
        ffmpegVersion: '6.0',
        encoder: { encoder: 'libx264', reason: 'FFMPEG_DISABLE_NVENC is set' },
      },
    });
  /** A job row as a crashed or finished run leaves it. */
  const insertJob = async (
    ownerId: string | null,
    state: string,
    kind = 'probe',
    workerId: string | null = null,
  ) => {
    const { rows } = await sql.query<{ id: string }>(
      `INSERT INTO jobs (kind, queue, state, owner_id, payload, error, attempts, max_attempts,
         worker_id, started_at, finished_at)
       VALUES ($1, $2, $3, $4, '{}'::jsonb, $5, 1, 3, $6, now(), $7) RETURNING id`,
      [
        kind,
        kind === 'compile' ? 'gpu' : 'celery',
        state,
        ownerId,
        state === 'failed' ? 'ffmpeg exited with code 1' : null,
        workerId,
        state === 'running' ? null : new Date(),
      ],
    );
    return rows[0]!.id;
  };

  const suiteStartedAt = Date.now();

  beforeAll(async () => {
    db = await createTestDatabase('admin_console');
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
      JOBS_MAX_ACTIVE_PER_USER: '3',
    });
    [aliceToken, bobToken] = await registerUsers(app, 'alice_admin_int', 'bob_admin_int');
    aliceId = (await me(aliceToken)).id;
    bobId = (await me(bobToken)).id;
    ({ workerId: WORKER_ID, token: workerToken } = await registerWorker(
      app.baseUrl,
      WORKER_API_KEY,
      'gpu-box',
    ));
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
  });

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
  });

  it('says registration is open by default', async () => {
    const { body } = await api<RegistrationStatusDto>(app.baseUrl, API_PATHS.auth.registration);
    expect(body).toEqual({ open: true });
  });

  describe('admins only', () => {
    const routes: [string, string][] = [
      ['GET', API_PATHS.admin.system],
      ['POST', API_PATHS.admin.jobsRetryFailed],
      ['GET', API_PATHS.admin.projects],
      ['DELETE', API_PATHS.admin.project('00000000-0000-4000-8000-000000000000')],
      ['POST', API_PATHS.admin.users],
    ];

    it.each(routes)('%s %s: 403 to a user, 401 to anyone', async (method, path) => {
      const body = method === 'POST' ? {} : undefined;
      const asUser = await api<Err>(app.baseUrl, path, { method, body, token: aliceToken });
      expect(asUser.status).toBe(403);
      const anonymous = await api<Err>(app.baseUrl, path, { method, body });
      expect(anonymous.status).toBe(401);
    });
  });

  describe('GET /api/admin/system', () => {
    it('names the database, Redis (its version and memory), queues, workers, disk and tools', async () => {
      expect((await heartbeat()).status).toBeLessThan(300);
      const running = await insertJob(bobId, 'running', 'compile', WORKER_ID);
      await insertJob(bobId, 'failed', 'compile');
      const { status, body } = await app.api<SystemInfoDto>(API_PATHS.admin.system);
      expect(status).toBe(200);
      expect(body.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
      expect(body.database).toMatchObject({ status: 'up', mode: 'external' });
      expect(body.database.serverVersion).toMatch(/^\d+/);
      expect(body.database.sizeBytes).toBeGreaterThan(1_000_000);
      expect(body.redis).toMatchObject({ status: 'up', queuePrefix: redis.prefix });
      expect(body.redis.version).toMatch(/^\d+\.\d+/);
      expect(body.redis.usedMemoryBytes).toBeGreaterThan(0);
      expect(body.jobs.mode).toBe('redis');
      expect(body.queues.map((queue) => queue.name)).toEqual(['gpu', 'celery']);
      const gpu = body.queues.find((queue) => queue.name === 'gpu')!;
      expect(gpu).toMatchObject({ source: 'bull', failed: 1 });
      expect(body.workers).toEqual([
        expect.objectContaining({
          workerId: WORKER_ID,
          name: 'gpu-box',
          queues: ['gpu', 'celery'],
          concurrency: 2,
          encoder: { encoder: 'libx264', reason: 'FFMPEG_DISABLE_NVENC is set' },
          currentJobs: 1,
        }),
      ]);
      expect(body.disk.instancePath).toBe(app.instanceDir);
      expect(body.disk.folders.map((folder) => folder.name)).toEqual([
        'data',
        'tmp',
        'cache',
        'logs',
        'artifacts',
      ]);
      const artifacts = body.disk.folders.find((folder) => folder.name === 'artifacts')!;
      expect(artifacts).toMatchObject({ path: null, bytes: null });
      expect(body.disk.freeBytes).toBeGreaterThan(0);
      expect(body.disk.totalBytes).toBeGreaterThanOrEqual(body.disk.freeBytes!);
      expect(body.tools.ffmpeg.version).toMatch(/\d/);
      expect(body.tools.ffprobe.version).toMatch(/\d/);
      expect(body.tools.ytDlp).toHaveProperty('version');
      await sql.query(`UPDATE jobs SET state = 'cancelled' WHERE id = $1`, [running]);
    });

    it('lists the periodic tasks: interval, setting, and once they ran, when, how long and how', async () => {
      const ran = (info: SystemInfoDto, name: string) =>
        info.periodicTasks.find((task) => task.name === name)?.lastRunAt;
      // The stall sweep runs every 5 s here (WORKER_HEARTBEAT_TIMEOUT_SECONDS 15 / 3), not at start.
      const info = await waitFor(
        'the job stall sweep to have run',
        async () => {
          const { body } = await app.api<SystemInfoDto>(API_PATHS.admin.system);
          return ran(body, 'job-stall-sweep') ? body : undefined;
        },
        20_000,
      );
      const tasks = Object.fromEntries(info.periodicTasks.map((task) => [task.name, task]));
      expect(Object.keys(tasks)).toEqual([
        'session-sweep',
        'job-stall-sweep',
        'upload-expiry',
        'worker-upload-expiry',
        'avatar-prune',
        'automation-scheduler',
        'automation-runs',
        'artifact-report',
        'ingest-scan',
      ]);
      expect(tasks['job-stall-sweep']).toMatchObject({
        everySeconds: 5,
        setting: 'JOB_STALL_SECONDS, WORKER_HEARTBEAT_TIMEOUT_SECONDS',
        lastOk: true,
        lastError: null,
      });
      expect(tasks['automation-scheduler']).toMatchObject({
        everySeconds: 60,
        setting: 'AUTOMATION_TICK_SECONDS',
      });
      // Ran already: at start (sessions, uploads, runs) or at their first interval (stall sweep).
      for (const name of ['session-sweep', 'upload-expiry', 'job-stall-sweep', 'automation-runs']) {
        const task = tasks[name]!;
        expect(task).toMatchObject({ lastOk: true, lastError: null, lastErrorAt: null });
        expect(Date.parse(task.lastRunAt!)).toBeGreaterThanOrEqual(suiteStartedAt);
        expect(Date.parse(task.lastRunAt!)).toBeLessThanOrEqual(Date.now());
        expect(task.lastDurationMs).toBeGreaterThanOrEqual(0);
      }
      expect(tasks['session-sweep']).toMatchObject({ everySeconds: 3600, setting: null });
      // Hourly, not at start: not yet.
      expect(tasks['avatar-prune']).toMatchObject({ everySeconds: 3600, lastRunAt: null });
      // Off: INGEST_IMPORT_ENABLED is not set.
      expect(tasks['ingest-scan']).toMatchObject({
        everySeconds: null,
        setting: 'INGEST_IMPORT_INTERVAL_SECONDS',
        running: false,
        lastRunAt: null,
      });
      // The sweep goes on: a later report shows a later run.
      const first = ran(info, 'job-stall-sweep')!;
      await waitFor(
        'a second job stall sweep',
        async () => {
          const { body } = await app.api<SystemInfoDto>(API_PATHS.admin.system);
          return ran(body, 'job-stall-sweep')! > first ? true : undefined;
        },
        20_000,
      );
    });

    it('counts a file put in the data folder', async () => {
      const before = (await app.api<SystemInfoDto>(API_PATHS.admin.system)).body;
      const { mkdirSync, writeFileSync } = await import('node:fs');
      const folder = `${app.config.paths.data}/disk-usage-test`;
      mkdirSync(folder, { recursive: true });
      writeFileSync(`${folder}/blob.bin`, Buffer.alloc(123_456));
      const after = (await app.api<SystemInfoDto>(API_PATHS.admin.system)).body;
      const data = (info: SystemInfoDto) => info.disk.folders.find((f) => f.name === 'data')!;
      expect(data(after).bytes! - (data(before).bytes ?? 0)).toBe(123_456);
      expect(data(after).complete).toBe(true);
    });
  });

  describe('jobs: every user’s, filtered; bulk retry', () => {
    let aliceFailed: string[];
    let bobFailed: string;

    beforeAll(async () => {
      await sql.query('DELETE FROM jobs');
      aliceFailed = [
        await insertJob(aliceId, 'failed'),
        await insertJob(aliceId, 'failed'),
        await insertJob(aliceId, 'failed', 'thumbnail'),
        await insertJob(aliceId, 'failed'),
        await insertJob(aliceId, 'failed'),
      ];
      bobFailed = await insertJob(bobId, 'failed', 'compile');
      await insertJob(bobId, 'completed', 'probe', WORKER_ID);
    });

    it('lists every user’s jobs to an admin, with owner names; a user sees only theirs', async () => {
      const all = (await app.api<JobListDto>(API_PATHS.jobs)).body;
      expect(all.total).toBe(7);
      expect(new Set(all.items.map((job) => job.ownerUsername))).toEqual(
        new Set(['alice_admin_int', 'bob_admin_int']),
      );
      const own = (await api<JobListDto>(app.baseUrl, API_PATHS.jobs, { token: bobToken })).body;
      expect(own.total).toBe(2);
      // A user's owner filter cannot widen their view.
      const widened = await api<JobListDto>(
        app.baseUrl,
        `${API_PATHS.jobs}?owner=alice_admin_int`,
        {
          token: bobToken,
        },
      );
      expect(widened.body.total).toBe(0);
    });

    it('filters by state, kind, owner (any case) and worker', async () => {
      const count = async (query: string) =>
        (await app.api<JobListDto>(`${API_PATHS.jobs}?${query}`)).body.total;
      expect(await count('state=failed')).toBe(6);
      expect(await count('kind=thumbnail')).toBe(1);
      expect(await count('owner=ALICE_admin_int')).toBe(5);
      expect(await count('owner=alice_admin_int&kind=probe&state=failed')).toBe(4);
      expect(await count(`workerId=${WORKER_ID}`)).toBe(1);
      expect(await count('owner=nobody_here')).toBe(0);
      const bad = await app.api<Err>(`${API_PATHS.jobs}?state=exploded`);
      expect(bad.status).toBe(400);
    });

    it('retries failed jobs of one kind, then the rest within the owners’ caps', async () => {
      const probes = await app.api<RetryFailedJobsDto>(API_PATHS.admin.jobsRetryFailed, {
        body: { kind: 'compile' },
      });
      expect(probes.status).toBe(200);
      expect(probes.body).toEqual({ retried: 1, skipped: 0, problems: [] });
      expect((await app.api<JobDto>(API_PATHS.job(bobFailed))).body.state).toBe('queued');

      // Alice may have 3 active probes (JOBS_MAX_ACTIVE_PER_USER): the fourth stays failed;
      // thumbnails are not capped.
      const rest = await app.api<RetryFailedJobsDto>(API_PATHS.admin.jobsRetryFailed, { body: {} });
      expect(rest.body.retried).toBe(4);
      expect(rest.body.skipped).toBe(1);
      expect(rest.body.problems[0]).toMatch(/^Job [0-9a-f-]{36}: /);
      const states = await Promise.all(
        aliceFailed.map(async (id) => (await app.api<JobDto>(API_PATHS.job(id))).body.state),
      );
      expect(states.filter((state) => state === 'queued')).toHaveLength(4);
      expect(states.filter((state) => state === 'failed')).toHaveLength(1);

      const none = await app.api<RetryFailedJobsDto>(API_PATHS.admin.jobsRetryFailed, {
        body: { owner: 'bob_admin_int' },
      });
      expect(none.body).toEqual({ retried: 0, skipped: 0, problems: [] });
      const bad = await app.api<Err>(API_PATHS.admin.jobsRetryFailed, { body: { kind: 'nope' } });
      expect(bad.status).toBe(400);
    });
  });

  describe('projects of every user', () => {
    let aliceProject: ProjectDto;
    let bobProject: ProjectDto;

    beforeAll(async () => {
      aliceProject = (
        await api<ProjectDto>(app.baseUrl, API_PATHS.projects.list, {
          token: aliceToken,
          body: { name: 'Alice weekly' },
        })
      ).body;
      bobProject = (
        await api<ProjectDto>(app.baseUrl, API_PATHS.projects.list, {
          token: bobToken,
          body: { name: 'Bob monthly' },
        })
      ).body;
      const job = await insertJob(bobId, 'completed', 'compile');
      await sql.query(
        `INSERT INTO compilations (project_id, owner_id, job_id, settings)
         VALUES ($1, $2, $3, '{}'::jsonb)`,
        [bobProject.id, bobId, job],
      );
    });

    it('lists them with owner, clip count and the last compilation', async () => {
      const { status, body } = await app.api<AdminProjectListDto>(API_PATHS.admin.projects);
      expect(status).toBe(200);
      expect(body.total).toBe(2);
      const alice = body.items.find((item) => item.id === aliceProject.id)!;
      const bob = body.items.find((item) => item.id === bobProject.id)!;
      expect(alice).toMatchObject({
        name: 'Alice weekly',
        ownerId: aliceId,
        ownerUsername: 'alice_admin_int',
        clipCount: 0,
        lastCompilation: null,
      });
      expect(bob.lastCompilation).toEqual({
        state: 'completed',
        at: expect.any(String),
        source: 'render',
      });
      const search = await app.api<AdminProjectListDto>(`${API_PATHS.admin.projects}?q=bob_admin`);
      expect(search.body.items.map((item) => item.id)).toEqual([bobProject.id]);
      const past = await app.api<AdminProjectListDto>(`${API_PATHS.admin.projects}?offset=10`);
      expect(past.body).toEqual({ items: [], total: 2 });
    });

    it('opens one read-only through the usual project route, and deletes it', async () => {
      const opened = await app.api<ProjectDto>(API_PATHS.projects.item(aliceProject.id));
      expect(opened.status).toBe(200);
      expect(opened.body.name).toBe('Alice weekly');

      const deleted = await app.api(API_PATHS.admin.project(aliceProject.id), { method: 'DELETE' });
      expect(deleted.status).toBe(204);
      const gone = await api<Err>(app.baseUrl, API_PATHS.projects.item(aliceProject.id), {
        token: aliceToken,
      });
      expect(gone.status).toBe(404);
      const again = await app.api<Err>(API_PATHS.admin.project(aliceProject.id), {
        method: 'DELETE',
      });
      expect(again.status).toBe(404);
      const notUuid = await app.api<Err>(API_PATHS.admin.project('nope'), { method: 'DELETE' });
      expect(notUuid.status).toBe(400);
    });
  });

  describe('POST /api/admin/users', () => {
    const create = (body: unknown) => app.api<UserDto & Err>(API_PATHS.admin.users, { body });

    it('creates a user with a role, tier and watermark override, who can then log in', async () => {
      const tiers = (await app.api<TierDto[]>(API_PATHS.admin.tiers)).body;
      const pro = tiers.find((tier) => tier.name === 'Pro')!;
      const { status, body } = await create({
        username: 'made_by_admin',
        email: 'made@example.com',
        password: 'made-by-admin-pw',
        role: 'admin',
        tierId: pro.id,
        watermarkOverride: 'never',
      });
      expect(status).toBe(201);
      expect(body).toMatchObject({
        username: 'made_by_admin',
        role: 'admin',
        tierId: pro.id,
        watermarkOverride: 'never',
        isActive: true,
      });
      await expect(
        createToken(app.baseUrl, 'made_by_admin', 'made-by-admin-pw'),
      ).resolves.toBeTruthy();

      const plain = await create({
        username: 'plain_made',
        email: 'plain@example.com',
        password: 'plain-made-password',
      });
      expect(plain.status).toBe(201);
      expect(plain.body).toMatchObject({ role: 'user', watermarkOverride: 'default' });
      expect(plain.body.tierId).toBe(tiers.find((tier) => tier.isDefault)!.id);
    });

    it('answers 409 to a taken username or email, 400 to invalid fields', async () => {
      const taken = await create({
        username: 'MADE_BY_ADMIN',
        email: 'other@example.com',
        password: 'made-by-admin-pw',
      });
      expect(taken.status).toBe(409);
      expect(taken.body.message).toMatch(/username/);
      const email = await create({
        username: 'another_one',
        email: 'made@example.com',
        password: 'made-by-admin-pw',
      });
      expect(email.status).toBe(409);
      expect(email.body.message).toMatch(/email/);

      const invalid = await create({
        username: 'x',
        email: 'nope',
        password: 'short',
        role: 'god',
      });
      expect(invalid.status).toBe(400);
      const message = String(invalid.body.message);
      for (const field of ['username', 'email', 'password', 'role']) {
        expect(message).toContain(field);
      }
      const noTier = await create({
        username: 'tierless_one',
        email: 'tierless@example.com',
        password: 'made-by-admin-pw',
        tierId: '00000000-0000-4000-8000-000000000000',
      });
      expect(noTier.status).toBe(400);
      expect(noTier.body.message).toMatch(/tierId/);
    });
  });
});

describe('REGISTRATION_OPEN=false (embedded jobs, no Redis)', () => {
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase('registration_closed');
    app = await startTestApp({ DATABASE_URL: db.url, REGISTRATION_OPEN: 'false' });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('refuses self-registration with 403 (even an invalid body) and says so publicly', async () => {
    const status = await api<RegistrationStatusDto>(app.baseUrl, API_PATHS.auth.registration);
    expect(status.body).toEqual({ open: false });
    const refused = await api<Err>(app.baseUrl, API_PATHS.auth.register, {
      body: { username: 'late_comer', email: 'late@example.com', password: 'late-comer-pw' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toMatch(/Registration is closed/);
    const invalid = await api<Err>(app.baseUrl, API_PATHS.auth.register, { body: {} });
    expect(invalid.status).toBe(403);
  });

  it('still lets an admin create accounts', async () => {
    const created = await app.api<UserDto>(API_PATHS.admin.users, {
      body: { username: 'late_comer', email: 'late@example.com', password: 'late-comer-pw' },
    });
    expect(created.status).toBe(201);
    await expect(createToken(app.baseUrl, 'late_comer', 'late-comer-pw')).resolves.toBeTruthy();
  });

  it('reports Redis as not configured and queue depths from the jobs table', async () => {
    const { body } = await app.api<SystemInfoDto>(API_PATHS.admin.system);
    expect(body.redis).toEqual({
      status: 'not-configured',
      version: null,
      usedMemoryBytes: null,
      queuePrefix: null,
    });
    expect(body.jobs.mode).toBe('in-process');
    expect(body.queues.every((queue) => queue.source === 'jobs-table')).toBe(true);
  });
});
