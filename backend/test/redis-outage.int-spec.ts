import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  API_PATHS,
  type AddClipsResponse,
  type ClipListDto,
  type HealthDto,
  type JobDto,
  type MediaDto,
  type MediaListDto,
} from '@clippyfront/shared';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { ownRedis, type OwnRedis } from './support/test-redis.js';
import {
  BrowserSession,
  startTestApp,
  TEST_ADMIN,
  waitFor,
  type TestApp,
} from './support/test-app.js';
import { testMedia, uploadMedia } from './support/test-media.js';
import { startWorkerProcess, type WorkerProcess } from './support/worker-process.js';

const WORKER_API_KEY = 'redis-outage-worker-key-0123456789';
/** Health's own checks give up after 1 s; this leaves room for a busy, shared CPU. */
const QUICK_MS = 3000;
/** Reconnection is capped at 1 s; this leaves room for a busy, shared CPU. */
const RECOVERY_MS = 10_000;
/** Long enough for Bull's default reconnection backoff (e^attempt ms) to pass 20 s. */
const OUTAGE_MS = 13_000;

describe('a Redis outage (own redis-server, real worker process)', () => {
  let redis: OwnRedis;
  let db: TestDatabase;
  let app: TestApp;
  let worker: WorkerProcess;
  let projectId: string;
  let queuedJobId: string;
  let stoppedAt: number;
  let uploadedId: string;

  const timed = async <T>(call: () => Promise<T>) => {
    const started = Date.now();
    const result = await call();
    return { ms: Date.now() - started, ...result };
  };
  const health = () => timed(() => app.api<HealthDto>(API_PATHS.health));
  const job = async (id: string) => (await app.api<JobDto>(API_PATHS.job(id))).body;
  const apiLog = () => {
    const dir = join(app.instanceDir, 'logs');
    return readdirSync(dir)
      .filter((name) => name.endsWith('.log'))
      .map((name) => readFileSync(join(dir, name), 'utf8'))
      .join('\n');
  };
  const occurrences = (text: string, what: string) => text.split(what).length - 1;
  const probe = (durationSeconds: number) =>
    app.api<JobDto>(API_PATHS.probe, { body: { durationSeconds, width: 64, height: 48, fps: 5 } });

  beforeAll(async () => {
    redis = await ownRedis();
    await redis.start();
    db = await createTestDatabase('redis_outage');
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: redis.url,
      WORKER_API_KEY,
      WORKER_ONLINE_SECONDS: '30',
      RATELIMIT_LOGIN: '4 per minute',
      LOG_LEVEL: 'info',
    });
    worker = startWorkerProcess({
      CLIPPY_API_URL: app.baseUrl,
      WORKER_API_KEY,
      REDIS_URL: redis.url,
      WORKER_NAME: 'outage-worker',
      WORKER_HEARTBEAT_SECONDS: '1',
      WORKER_CONCURRENCY: '3',
    });
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await app?.close();
    await db?.drop();
    await redis?.stop();
  });

  it('runs jobs on the worker while Redis is up', async () => {
    await waitFor('the worker online', async () =>
      (await health()).body.workers.online === 1 ? true : undefined,
    );
    const created = await probe(1);
    const done = await waitFor('the probe job', async () => {
      const current = await job(created.body.id);
      return ['completed', 'failed'].includes(current.state) ? current : undefined;
    });
    expect(done.state).toBe('completed');
    const project = await app.api<{ id: string }>(API_PATHS.projects.list, {
      body: { name: 'Outage' },
    });
    expect(project.status).toBe(201);
    projectId = project.body.id;
  });

  it('keeps answering during the outage: health 503 naming Redis, the rest as usual', async () => {
    await redis.stop();
    stoppedAt = Date.now();

    const down = await waitFor(
      'health to report Redis down',
      async () => {
        const response = await health();
        return response.status === 503 ? response : undefined;
      },
      10_000,
    );
    expect(down.body).toMatchObject({ status: 'degraded', redis: { status: 'down' } });
    expect(down.body.database.status).toBe('up');
    for (let i = 0; i < 3; i++) {
      const again = await health();
      expect([again.status, again.body.redis.status]).toEqual([503, 'down']);
      expect(again.ms).toBeLessThan(QUICK_MS);
    }

    const session = await BrowserSession.login(
      app.baseUrl,
      TEST_ADMIN.username,
      TEST_ADMIN.password,
    );
    const me = await session.request<{ username: string }>(API_PATHS.auth.me);
    expect([me.status, me.body.username]).toEqual([200, TEST_ADMIN.username]);
    const media = await app.api<MediaListDto>(API_PATHS.media.list);
    expect(media.status).toBe(200);

    const queued = await timed(() => probe(1));
    expect([queued.status, queued.body.state]).toEqual([201, 'queued']);
    expect(queued.ms).toBeLessThan(QUICK_MS);
    const added = await timed(() =>
      app.api<AddClipsResponse>(API_PATHS.projects.clips(projectId), {
        body: { urls: ['https://www.twitch.tv/somechannel/clip/DuringTheOutage'] },
      }),
    );
    expect(added.status).toBe(201);
    expect(added.body.accepted).toHaveLength(1);
    expect(added.ms).toBeLessThan(QUICK_MS);
    const uploaded = await timed(() =>
      uploadMedia(app.baseUrl, app.adminToken, testMedia('still.png'), 'outage.png'),
    );
    expect(uploaded.status).toBe(201);
    expect(uploaded.ms).toBeLessThan(QUICK_MS);
    uploadedId = (uploaded.body as MediaDto).id;
    const clips = await app.api<ClipListDto>(API_PATHS.projects.clips(projectId));
    expect(clips.body.items.map((clip) => clip.id)).toContain(added.body.accepted[0]!.id);

    // One login above; the per-process counters still stop the fifth within the minute.
    const statuses: number[] = [];
    for (let i = 0; i < 6 && !statuses.includes(429); i++) {
      const attempt = await new BrowserSession(app.baseUrl).request(API_PATHS.auth.login, {
        body: { login: TEST_ADMIN.username, password: TEST_ADMIN.password },
      });
      statuses.push(attempt.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);

    expect((await job(queued.body.id)).state).toBe('queued');
    expect(occurrences(apiLog(), 'rate limits counted per process')).toBe(1);
    queuedJobId = queued.body.id;
  });

  it('recovers when Redis is back (empty): health ok, the queued job claimed in seconds', async () => {
    await new Promise((resolve) => setTimeout(resolve, stoppedAt + OUTAGE_MS - Date.now()));
    const back = Date.now();
    await redis.start();
    await waitFor(
      'health ok again',
      async () => ((await health()).status === 200 ? true : undefined),
      RECOVERY_MS * 2,
    );
    expect(Date.now() - back).toBeLessThan(RECOVERY_MS);

    const done = await waitFor(
      'the job queued during the outage',
      async () => {
        const current = await job(queuedJobId);
        return ['completed', 'failed'].includes(current.state) ? current : undefined;
      },
      60_000,
    );
    expect(done.state).toBe('completed');
    expect(done.attempts).toBe(1);
    expect(Date.parse(done.startedAt!) - back).toBeLessThan(RECOVERY_MS);

    await waitFor('the thumbnail of the media uploaded during the outage', async () => {
      const media = await app.api<MediaDto>(API_PATHS.media.item(uploadedId));
      return media.body.hasThumbnail ? true : undefined;
    });
    await waitFor('the log line of Redis back', async () =>
      occurrences(apiLog(), 'Redis back: rate limits shared again') === 1 ? true : undefined,
    );
    expect(occurrences(apiLog(), 'rate limits counted per process')).toBe(1);
    expect((await app.api(API_PATHS.auth.me)).status).toBe(200);
  });
});
