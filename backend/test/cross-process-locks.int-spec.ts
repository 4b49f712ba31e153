import {
  API_PATHS,
  type CompilationDto,
  type TierDto,
  type TimelineDto,
  type UserDto,
} from '@clippyfront/shared';
import { clipsClient, registerUsers } from './support/clips-client.js';
import { FakeWorker } from './support/fake-worker.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { serveTestMedia, testMedia } from './support/test-media.js';

const WORKER_API_KEY = 'two-apis-test-worker-key-0123456789';
const ROUNDS = 4;

const discord = (name: string) =>
  `https://cdn.discordapp.com/attachments/111/222/${name}.mp4?ex=6650a1b2&is=664f5032&hm=abc`;

/**
 * Two API processes (as behind a load balancer) on one database: the rules that must not race
 * hold across them. No worker runs, so jobs stay queued.
 */
describe('two API processes on one database', () => {
  const redis = createRedisPrefix('two-apis');
  let db: TestDatabase;
  const apps: TestApp[] = [];
  let token: string;
  const clients = [0, 1].map((n) =>
    clipsClient(
      () => apps[n]!,
      () => token,
    ),
  );
  const [one, two] = clients as [(typeof clients)[0], (typeof clients)[0]];

  beforeAll(async () => {
    db = await createTestDatabase('two_apis');
    const env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
    };
    apps.push(await startTestApp(env));
    apps.push(await startTestApp(env));
    [token] = await registerUsers(apps[0]!, 'racer');
  });

  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
    await db?.drop();
    await redis.deleteKeys();
  });

  it('adds of one clip URL to two projects at once share one download', async () => {
    const [a, b] = [await one.project('Race A'), await two.project('Race B')];
    for (let round = 0; round < ROUNDS; round++) {
      const url = discord(`race-${round}`);
      const [x, y] = await Promise.all([one.addOk(a, url), two.addOk(b, url)]);
      expect(x[0]!.jobId).toEqual(expect.any(String));
      expect(y[0]!.jobId).toBe(x[0]!.jobId);
    }
    expect(await one.jobs('download')).toHaveLength(ROUNDS);
  });

  it('starts one compile per project however many requests race, the others 409', async () => {
    const worker = await FakeWorker.register(apps[0]!.baseUrl, WORKER_API_KEY);
    for (let round = 0; round < ROUNDS; round++) {
      const project = await one.project(`Compile race ${round}`);
      const [clip] = await one.addOk(project, discord(`compiled-${round}`));
      await worker.download(clip!.jobId!, testMedia('clip.mp4'), 'clip.mp4');
      const timeline = await one.call(API_PATHS.projects.timeline(project), {
        method: 'PUT',
        body: { clipIds: [clip!.id] },
      });
      expect(timeline.status).toBe(200);
      const answers = await Promise.all(
        [one, two, one, two].map((client) =>
          client.call(API_PATHS.projects.compile(project), { body: {} }),
        ),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409]);
      const compilations = await two.call<{ items: unknown[] }>(
        API_PATHS.projects.compilations(project),
      );
      expect(compilations.body.items).toHaveLength(1);
    }
    expect(await one.jobs('compile')).toHaveLength(ROUNDS);
  });

  it('lets one of two compiles racing for the last render minutes start, the other 403', async () => {
    const worker = await FakeWorker.register(apps[0]!.baseUrl, WORKER_API_KEY);
    // Nothing queued holds render time from here on.
    for (const job of await one.jobs('compile')) {
      await one.call(API_PATHS.jobCancel(job.id), { body: {} });
    }
    const projects: string[] = [];
    for (const name of ['Minutes A', 'Minutes B']) {
      const project = await one.project(name);
      const [clip] = await one.addOk(project, discord(`minutes-${name.at(-1)}`));
      await worker.download(clip!.jobId!, testMedia('clip.mp4'), 'clip.mp4');
      await one.call(API_PATHS.projects.timeline(project), {
        method: 'PUT',
        body: { clipIds: [clip!.id] },
      });
      projects.push(project);
    }
    const { body: timeline } = await one.call<TimelineDto>(
      API_PATHS.projects.timeline(projects[0]!),
    );
    // Room for one compile, not two.
    const { body: tier } = await apps[0]!.api<TierDto>(API_PATHS.admin.tiers, {
      body: { name: 'One render', monthlyRenderSeconds: Math.ceil(timeline.totalSeconds * 1.5) },
    });
    const { body: me } = await one.call<UserDto>(API_PATHS.auth.me);
    await apps[0]!.api(API_PATHS.admin.user(me.id), { method: 'PATCH', body: { tierId: tier.id } });
    for (let round = 0; round < ROUNDS; round++) {
      const answers = await Promise.all([
        one.call<CompilationDto>(API_PATHS.projects.compile(projects[0]!), { body: {} }),
        two.call<CompilationDto>(API_PATHS.projects.compile(projects[1]!), { body: {} }),
      ]);
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 403]);
      const started = answers.find((answer) => answer.status === 201)!;
      await one.call(API_PATHS.jobCancel(started.body.jobId!), { body: {} });
    }
  });
});

/** The embedded PostgreSQL server holds the same database locks. */
describe('the same rules on the embedded database', () => {
  let app: TestApp;
  let host: Awaited<ReturnType<typeof serveTestMedia>>;
  let token: string;
  const me = clipsClient(
    () => app,
    () => token,
  );

  beforeAll(async () => {
    host = await serveTestMedia();
    app = await startTestApp({
      ALLOW_EXTERNAL_URLS: 'true',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    [token] = await registerUsers(app, 'solo');
  });

  afterAll(async () => {
    await app?.close();
    host?.close();
  });

  it('shares one download between concurrent adds and starts one compile at a time', async () => {
    const [a, b] = [await me.project('Solo A'), await me.project('Solo B')];
    const url = host.url('clip.mp4');
    const [x, y] = await Promise.all([me.addOk(a, url), me.addOk(b, url)]);
    // The later add shares the download, or reuses its media if it already finished.
    expect(new Set([x[0]!.jobId, y[0]!.jobId].filter(Boolean)).size).toBe(1);
    await waitFor('the download', async () =>
      (await me.clips(a))[0]?.state === 'ready' ? true : undefined,
    );
    expect(await me.jobs('download')).toHaveLength(1);

    const timeline = await me.call(API_PATHS.projects.timeline(a), {
      method: 'PUT',
      body: { clipIds: [x[0]!.id] },
    });
    expect(timeline.status).toBe(200);
    const answers = await Promise.all(
      [1, 2, 3].map(() => me.call<{ jobId: string }>(API_PATHS.projects.compile(a), { body: {} })),
    );
    expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409]);
    const started = answers.find((answer) => answer.status === 201)!;
    await me.call(API_PATHS.jobCancel(started.body.jobId), { body: {} });
  });
});
