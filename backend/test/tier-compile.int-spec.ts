import pg from 'pg';
import {
  API_PATHS,
  type ClipCapExceededDto,
  type CompilationDto,
  type CompilationListDto,
  type CompilePayload,
  type RenderQuotaExceededDto,
  type TierDto,
  type TimelineDto,
  type UsageDto,
  type UserDto,
} from '@clippyfront/shared';
import { clipsClient, registerUsers } from './support/clips-client.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { serveTestMedia } from './support/test-media.js';

type Refusal = Partial<RenderQuotaExceededDto & ClipCapExceededDto>;

/** A compile's tier rules, end to end: real PostgreSQL, ffmpeg, jobs in-process. */
describe('compile within the owner’s tier', () => {
  let db: TestDatabase;
  let app: TestApp;
  let sql: pg.Client;
  let host: Awaited<ReturnType<typeof serveTestMedia>>;
  let token: string;
  let userId: string;
  let project: string;
  let spare: string;
  /** Of `project`: two 2 s clips and the bumper between them. */
  let estimate: number;
  const me = clipsClient(
    () => app,
    () => token,
  );

  const compile = (projectId: string, body: object = {}) =>
    me.call<CompilationDto & Refusal>(API_PATHS.projects.compile(projectId), { body });
  const compilation = (projectId: string, id: string) =>
    waitFor(
      `compilation ${id}`,
      async () => {
        const { body } = await me.call<CompilationListDto>(
          API_PATHS.projects.compilations(projectId),
        );
        const found = body.items.find((item) => item.id === id);
        return found && ['completed', 'failed', 'cancelled'].includes(found.state)
          ? found
          : undefined;
      },
      120_000,
    );
  const cancel = (jobId: string) => me.call(API_PATHS.jobCancel(jobId), { body: {} });
  const usage = async () => (await me.call<UsageDto>(API_PATHS.auth.usage)).body;
  const tierNamed = async (name: string) =>
    (await app.api<TierDto[]>(API_PATHS.admin.tiers)).body.find((t) => t.name === name)!;
  const createTier = async (body: object) => {
    const { status, body: tier } = await app.api<TierDto>(API_PATHS.admin.tiers, { body });
    expect(status).toBe(201);
    return tier;
  };
  const patchTier = (id: string, body: object) =>
    app.api(API_PATHS.admin.tier(id), { method: 'PATCH', body });
  const setUser = async (body: object) => {
    const { status } = await app.api<UserDto>(API_PATHS.admin.user(userId), {
      method: 'PATCH',
      body,
    });
    expect(status).toBe(200);
  };
  const compileJobs = async () =>
    (await sql.query(`SELECT id FROM jobs WHERE owner_id = $1 AND kind = 'compile'`, [userId]))
      .rowCount;
  /** A compile that finished at `finishedAt`, as the job table keeps it. */
  const usedCompile = (seconds: number, finishedAt: Date) =>
    sql.query(
      `INSERT INTO jobs (kind, queue, state, owner_id, payload, result, finished_at)
       VALUES ('compile', 'gpu', 'completed', $1, '{"fixture": true}', $2, $3)`,
      [userId, JSON.stringify({ durationSeconds: seconds }), finishedAt],
    );
  const forgetUsage = () => sql.query(`DELETE FROM jobs WHERE payload->>'fixture' = 'true'`);

  beforeAll(async () => {
    host = await serveTestMedia();
    db = await createTestDatabase('tier_compile');
    app = await startTestApp({
      DATABASE_URL: db.url,
      ALLOW_EXTERNAL_URLS: 'true',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    [token] = await registerUsers(app, 'tier_compiler');
    userId = (await me.call<UserDto>(API_PATHS.auth.me)).body.id;
    sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const withClips = async (name: string) => {
      const id = await me.project(name);
      const clips = await me.addReady(id, host.url('clip.mp4'), host.url('blue-720p30-silent.mp4'));
      await me.call(API_PATHS.projects.timeline(id), {
        method: 'PUT',
        body: { clipIds: clips.map((clip) => clip.id) },
      });
      return id;
    };
    [project, spare] = [await withClips('Quota render'), await withClips('Second render')];
    const { body: timeline } = await me.call<TimelineDto>(API_PATHS.projects.timeline(project));
    estimate = timeline.totalSeconds + 0.5;
  }, 180_000);

  afterAll(async () => {
    await sql?.end();
    await app?.close();
    await db?.drop();
    host?.close();
  });

  it('refuses a compile over the render time left this month, with the numbers; queues nothing', async () => {
    const tight = await createTier({ name: 'Tight', monthlyRenderSeconds: 60, watermark: false });
    await setUser({ tierId: tight.id });
    const now = new Date();
    const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
    await usedCompile(57, new Date(monthStart.getTime() + 1000));
    // The month before does not count, however much.
    await usedCompile(5000, new Date(monthStart.getTime() - 1));
    const before = await compileJobs();

    const refused = await compile(project);
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      statusCode: 403,
      message: expect.stringMatching(
        /^Monthly render time exceeded: .* 0:03 of your 1:00 are left/,
      ),
      remainingSeconds: 3,
      limitSeconds: 60,
      estimatedSeconds: Math.round(estimate * 10) / 10,
    });
    expect(await compileJobs()).toBe(before);
    expect((await usage()).render).toMatchObject({ usedSecondsThisMonth: 57, limitSeconds: 60 });

    // A bigger limit, read on the next request.
    await patchTier(tight.id, { monthlyRenderSeconds: 600 });
    const started = await compile(project);
    expect(started.status).toBe(201);
    expect(await cancel(started.body.jobId!)).toMatchObject({ status: 200 });
    await compilation(project, started.body.id);
    await forgetUsage();
  });

  it('holds a queued compile’s estimate, then records the output’s length once it succeeds', async () => {
    const tight = await tierNamed('Tight');
    // Room for one of the two compiles, not both.
    const limit = Math.ceil(estimate * 1.5);
    await patchTier(tight.id, { monthlyRenderSeconds: limit });
    const first = await compile(project);
    expect(first.status).toBe(201);
    const second = await compile(spare);
    expect(second.status).toBe(403);
    expect(second.body.remainingSeconds).toBeCloseTo(limit - estimate, 1);

    const done = await compilation(project, first.body.id);
    expect(done.state).toBe('completed');
    // The estimate is the sum the compile makes: clips, bumper.
    expect(Math.abs(done.output!.durationSeconds - estimate)).toBeLessThan(0.25);
    const { render } = await usage();
    expect(render.usedSecondsThisMonth).toBeCloseTo(done.output!.durationSeconds, 2);
    expect((await compile(spare)).status).toBe(403);

    // A cancelled compile records nothing.
    await patchTier(tight.id, { monthlyRenderSeconds: null });
    const cancelled = await compile(spare);
    expect(cancelled.status).toBe(201);
    await cancel(cancelled.body.jobId!);
    expect((await compilation(spare, cancelled.body.id)).state).toBe('cancelled');
    expect((await usage()).render.usedSecondsThisMonth).toBe(render.usedSecondsThisMonth);
    // Retrying it renders again: it needs the render time like a new compile.
    await patchTier(tight.id, { monthlyRenderSeconds: limit });
    const retry = await me.call<Refusal>(API_PATHS.jobRetry(cancelled.body.jobId!), { body: {} });
    expect(retry.status).toBe(403);
    expect(retry.body).toMatchObject({ limitSeconds: limit, remainingSeconds: expect.any(Number) });
    expect((await me.job(cancelled.body.jobId!)).state).toBe('cancelled');
  }, 180_000);

  it('lowers resolution and frame rate to the tier’s caps and says so; never raises them', async () => {
    const capped = await createTier({
      name: 'Small screens',
      maxResolution: '720p',
      maxFps: 25,
      watermark: false,
    });
    await setUser({ tierId: capped.id });
    const started = await compile(project, { resolution: '1080p', fps: 60, format: 'webm' });
    expect(started.status).toBe(201);
    const note = 'Tier limit (Small screens): output lowered, 1080p → 720p, 60 → 25 fps';
    expect(started.body).toMatchObject({
      settings: { resolution: '720p', fps: 25, format: 'webm' },
      tierNote: note,
    });
    const job = await me.job(started.body.jobId!);
    expect(job.log).toContain(note);
    expect((job.payload as CompilePayload).output).toMatchObject({
      width: 1280,
      height: 720,
      fps: 25,
    });
    await cancel(started.body.jobId!);
    await compilation(project, started.body.id);

    const low = await compile(project, { resolution: '720p', fps: 24 });
    expect(low.body).toMatchObject({ settings: { resolution: '720p', fps: 24 }, tierNote: null });
    await cancel(low.body.jobId!);
    await compilation(project, low.body.id);
  });

  it('refuses a timeline over the tier’s clips per compilation, naming the cap', async () => {
    const capped = await tierNamed('Small screens');
    await patchTier(capped.id, { maxClipsPerProject: 1 });
    const refused = await compile(project);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      statusCode: 403,
      maxClipsPerProject: 1,
      clipCount: 2,
      message: expect.stringMatching(/Small screens.*allows 1 clip\(s\).*has 2/),
    });
    await patchTier(capped.id, { maxClipsPerProject: 2 });
    const fits = await compile(project);
    expect(fits.status).toBe(201);
    await cancel(fits.body.jobId!);
    await compilation(project, fits.body.id);
  });

  it('applies the watermark policy: override, admin, unlimited, the tier’s flag, no tier', async () => {
    const free = await tierNamed('Free');
    const pro = await tierNamed('Pro');
    const unlimited = await tierNamed('Unlimited');
    const cases: [string, object, boolean][] = [
      ['Free', { tierId: free.id, watermarkOverride: 'default', role: 'user' }, true],
      ['Pro', { tierId: pro.id }, false],
      ['Unlimited', { tierId: unlimited.id }, false],
      ['no tier', { tierId: null }, true],
      ['admin without a tier', { role: 'admin' }, false],
      ['override always, admin', { watermarkOverride: 'always' }, true],
      [
        'override never, Free',
        { tierId: free.id, role: 'user', watermarkOverride: 'never' },
        false,
      ],
      ['override always, Unlimited', { tierId: unlimited.id, watermarkOverride: 'always' }, true],
    ];
    const seen: [string, boolean][] = [];
    for (const [name, change] of cases) {
      await setUser(change);
      const started = await compile(project);
      expect(started.status).toBe(201);
      const job = await me.job(started.body.jobId!);
      seen.push([name, (job.payload as CompilePayload).watermark]);
      await cancel(started.body.jobId!);
      await compilation(project, started.body.id);
    }
    expect(seen).toEqual(cases.map(([name, , expected]) => [name, expected]));
    await setUser({ role: 'user', watermarkOverride: 'default', tierId: free.id });
  }, 120_000);
});
