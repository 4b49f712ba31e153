import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  API_PATHS,
  type AutomationRunDto,
  type AutomationTaskDto,
  type CompilationListDto,
  type MediaDto,
  type ProjectListDto,
  type StartRunResponse,
  type TierDto,
  type UserDto,
} from '@clippyfront/shared';
import { clipsClient, giveTier, registerUsers } from './support/clips-client.js';
import { FakeDiscord } from './support/fake-discord.js';
import { FakeTwitch } from './support/fake-twitch.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { testMedia } from './support/test-media.js';
import { probeVideo } from './support/video-check.js';
import { startWorkerProcess, type WorkerProcess, workerEnv } from './support/worker-process.js';

const paths = API_PATHS.automation;
const FINISHED = ['completed', 'failed', 'cancelled'];
type Client = ReturnType<typeof clipsClient>;

async function runNow(who: Client, taskId: string): Promise<string> {
  const { status, body } = await who.call<StartRunResponse>(paths.taskRun(taskId), { body: {} });
  if (status !== 202) throw new Error(`run: ${status} ${JSON.stringify(body)}`);
  return body.runId;
}

function finished(who: Client, runId: string, timeoutMs = 180_000): Promise<AutomationRunDto> {
  return waitFor(
    `run ${runId}`,
    async () => {
      const { body } = await who.call<AutomationRunDto>(paths.run(runId));
      return FINISHED.includes(body.state) ? body : undefined;
    },
    timeoutMs,
  );
}

/**
 * A stand-in for yt-dlp (Twitch clip pages cannot be fetched here): writes the test clip to the
 * output folder it is given, or fails like yt-dlp on a 404 for slugs containing "Missing".
 */
function fakeYtDlp(folder: string): string {
  const clip = join(folder, 'clip.mp4');
  writeFileSync(clip, testMedia('clip.mp4'));
  const script = join(folder, 'yt-dlp');
  writeFileSync(
    script,
    `#!/bin/bash
out=""; url=""
while [ $# -gt 0 ]; do
  case "$1" in -o) out="$2"; shift 2;; --) url="$2"; shift 2;; *) shift;; esac
done
case "$url" in *Missing*) echo "ERROR: [twitch:clips] Unable to download: HTTP Error 404: Not Found" >&2; exit 1;; esac
echo "[download]  50.0% of 1.00MiB"
cp "${clip}" "\${out%.*}.mp4"
echo "[download] 100.0% of 1.00MiB"
`,
  );
  chmodSync(script, 0o755);
  return script;
}

describe('automation runs end to end (real downloads and compiles, jobs in-process)', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'clippyfront-automation-'));
  let db: TestDatabase;
  let app: TestApp;
  let twitch: FakeTwitch;
  let discord: FakeDiscord;
  let token: string;
  let quotaToken: string;
  const me = clipsClient(
    () => app,
    () => token,
  );
  const quota = clipsClient(
    () => app,
    () => quotaToken,
  );

  beforeAll(async () => {
    twitch = await FakeTwitch.start();
    discord = await FakeDiscord.start();
    db = await createTestDatabase('automation_runs');
    app = await startTestApp({
      DATABASE_URL: db.url,
      ...twitch.env(),
      ...discord.env(),
      YT_DLP_BINARY: fakeYtDlp(scratch),
      COMPILE_CACHE_DIR: join(scratch, 'cache'),
      AUTOMATION_TICK_SECONDS: '0',
      AUTOMATION_RUN_POLL_SECONDS: '1',
    });
    [token, quotaToken] = await registerUsers(app, 'runner', 'over_quota');
    await giveTier(app, 'Pro', token);
    const { body: tier } = await app.api<TierDto>(API_PATHS.admin.tiers, {
      body: { name: 'One second', monthlyRenderSeconds: 1, maxResolution: '1080p' },
    });
    const { body: user } = await quota.call<UserDto>(API_PATHS.auth.me);
    await app.api(API_PATHS.admin.user(user.id), { method: 'PATCH', body: { tierId: tier.id } });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await twitch?.close();
    await discord?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('Twitch: takes the most viewed clips over minViews, skips a failed download, compiles them in order', async () => {
    const now = Date.now();
    twitch.addClips(
      { id: '5001', login: 'streamer', display_name: 'Streamer', profile_image_url: '' },
      [
        { id: 'LowViewsClip', view_count: 3, created_at: new Date(now - 3_600_000).toISOString() },
        {
          id: 'SecondBestClip',
          view_count: 50,
          created_at: new Date(now - 7_200_000).toISOString(),
        },
        { id: 'MissingClip', view_count: 80, created_at: new Date(now - 7_200_000).toISOString() },
        { id: 'BestClip', view_count: 500, created_at: new Date(now - 86_400_000).toISOString() },
      ],
    );
    const { status, body: task } = await me.call<AutomationTaskDto>(paths.tasks, {
      body: {
        name: 'Streamer weekly',
        source: { kind: 'twitch', username: 'streamer', count: 3, minViews: 10 },
        output: { resolution: '720p' },
        projectNameTemplate: 'Best of {task} {date}',
      },
    });
    expect(status).toBe(201);
    const runId = await runNow(me, task.id);
    const run = await finished(me, runId);
    expect(run).toMatchObject({ state: 'completed', stage: 'done', progress: 100, error: null });
    expect(run.skippedClips).toEqual([
      { url: 'https://clips.twitch.tv/MissingClip', reason: expect.stringMatching(/404/) },
    ]);
    expect(run.log.join('\n')).toMatch(
      /Fetched 3 clip\(s\) from Twitch: the most viewed of Streamer/,
    );

    const project = (await me.getProject(run.projectId!)).body;
    expect(project.name).toBe(`Best of Streamer weekly ${new Date().toISOString().slice(0, 10)}`);
    const timeline = (
      await me.call<{ items: { sourceUrl: string }[] }>(API_PATHS.projects.timeline(run.projectId!))
    ).body.items.map((clip) => clip.sourceUrl);
    expect(timeline).toEqual([
      'https://clips.twitch.tv/BestClip',
      'https://clips.twitch.tv/SecondBestClip',
    ]);
    const compilations = (
      await me.call<CompilationListDto>(API_PATHS.projects.compilations(run.projectId!))
    ).body.items;
    expect(compilations.map((c) => c.id)).toEqual([run.compilationId]);
    expect(run.videoMediaId).toBe(compilations[0]!.media!.id);
    const video = await me.media(run.videoMediaId!);
    expect(video.body).toMatchObject({ type: 'compilation' });
    const file = join(scratch, 'twitch.mp4');
    const response = await fetch(`${app.baseUrl}${API_PATHS.media.stream(run.videoMediaId!)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    writeFileSync(file, Buffer.from(await response.arrayBuffer()));
    const probed = await probeVideo(file);
    expect(probed.video.height).toBe(720);
    expect(probed.chapters).toHaveLength(2);

    const history = (await me.call<AutomationRunDto[]>(paths.taskRuns(task.id))).body;
    expect(history.map((r) => r.id)).toEqual([runId]);
  }, 240_000);

  it('Discord: the newest clip links of a channel; "replace" deletes the previous run’s project', async () => {
    const channel = discord.channel();
    discord.post(channel, { files: [{ name: 'first.mp4', recipe: 'clip.mp4' }] });
    discord.post(channel, { content: 'no clip here' });
    discord.post(channel, { files: [{ name: 'second.mp4', recipe: 'clip.mp4' }] });
    const { body: task } = await me.call<AutomationTaskDto>(paths.tasks, {
      body: {
        name: 'Discord digest',
        source: { kind: 'discord', channelId: channel, count: 5 },
        output: { resolution: '720p' },
        previousProject: 'replace',
      },
    });
    const first = await finished(me, await runNow(me, task.id));
    expect(first).toMatchObject({ state: 'completed', skippedClips: [] });
    const timeline = (
      await me.call<{ items: { sourceUrl: string }[] }>(
        API_PATHS.projects.timeline(first.projectId!),
      )
    ).body.items.map((clip) => clip.sourceUrl);
    // Newest message first, as the source gives them.
    expect(timeline).toHaveLength(2);
    expect(timeline[0]).toContain('second.mp4');

    const second = await finished(me, await runNow(me, task.id));
    expect(second.state).toBe('completed');
    expect(second.projectId).not.toBe(first.projectId);
    expect((await me.getProject(first.projectId!)).status).toBe(404);
    expect(second.log.join('\n')).toMatch(/Deleted the previous run's project/);
    // The previous project's clip media went with it: the new project has its own, ready.
    const clips = await me.clips(second.projectId!);
    expect(clips.map((clip) => clip.state)).toEqual(['ready', 'ready']);
  }, 240_000);

  it('over the render quota: the run fails at compile with the 403’s numbers', async () => {
    const channel = discord.channel();
    discord.post(channel, { files: [{ name: 'quota.mp4', recipe: 'clip.mp4' }] });
    const { body: task } = await quota.call<AutomationTaskDto>(paths.tasks, {
      body: { name: 'Too long', source: { kind: 'discord', channelId: channel } },
    });
    const run = await finished(quota, await runNow(quota, task.id));
    expect(run).toMatchObject({ state: 'failed', stage: 'compile', compilationId: null });
    expect(run.error).toMatch(/remainingSeconds: 1, limitSeconds: 1, estimatedSeconds: \d+/);
    expect(run.error).toMatch(/\[403\]$/);
  }, 120_000);

  it('none of the clips downloads: the run fails with the reason', async () => {
    twitch.addClips(
      { id: '5002', login: 'unlucky', display_name: 'Unlucky', profile_image_url: '' },
      [{ id: 'MissingOne', view_count: 5 }],
    );
    const { body: task } = await me.call<AutomationTaskDto>(paths.tasks, {
      body: { name: 'Unlucky', source: { kind: 'twitch', username: 'unlucky' } },
    });
    const run = await finished(me, await runNow(me, task.id));
    expect(run).toMatchObject({ state: 'failed', stage: 'downloads' });
    expect(run.error).toMatch(
      /^No clip could be downloaded \(1 failed\): https:\/\/clips\.twitch\.tv\/MissingOne/,
    );
  }, 120_000);

  it('cancel stops the chain', async () => {
    const channel = discord.channel();
    discord.post(channel, { files: [{ name: 'cancel.mp4', recipe: 'green-long.mp4' }] });
    const { body: task } = await me.call<AutomationTaskDto>(paths.tasks, {
      body: { name: 'Cancelled', source: { kind: 'discord', channelId: channel } },
    });
    const runId = await runNow(me, task.id);
    const cancelled = await me.call<AutomationRunDto>(paths.runCancel(runId), { body: {} });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.state).toBe('cancelled');
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const after = (await me.call<AutomationRunDto>(paths.run(runId))).body;
    expect(after.state).toBe('cancelled');
    expect(after.compilationId).toBeNull();
    expect((await me.call(paths.runCancel(runId), { body: {} })).status).toBe(409);
  });
});

describe('an API restart mid-run (Redis, a worker process)', () => {
  const WORKER_API_KEY = 'automation-restart-worker-key-0123456789';
  const redis = createRedisPrefix('automation-restart');
  const scratch = mkdtempSync(join(tmpdir(), 'clippyfront-automation-restart-'));
  let db: TestDatabase;
  let app: TestApp;
  let discord: FakeDiscord;
  let worker: WorkerProcess | undefined;
  let token: string;
  let env: Record<string, string>;
  const me = clipsClient(
    () => app,
    () => token,
  );

  beforeAll(async () => {
    discord = await FakeDiscord.start();
    db = await createTestDatabase('automation_restart');
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
      ...discord.env(),
      AUTOMATION_TICK_SECONDS: '0',
      AUTOMATION_RUN_POLL_SECONDS: '1',
      AUTOMATION_RUN_LEASE_SECONDS: '3',
    };
    app = await startTestApp(env);
    [token] = await registerUsers(app, 'restarted');
    await giveTier(app, 'Pro', token);
  });

  afterAll(async () => {
    await worker?.stop();
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
    await discord?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('a new API process finishes the run: one project, one compilation', async () => {
    const channel = discord.channel();
    discord.post(channel, { files: [{ name: 'a.mp4', recipe: 'clip.mp4' }] });
    discord.post(channel, { files: [{ name: 'b.mp4', recipe: 'clip.mp4' }] });
    const { body: task } = await me.call<AutomationTaskDto>(paths.tasks, {
      body: {
        name: 'Survives restarts',
        source: { kind: 'discord', channelId: channel },
        output: { resolution: '720p' },
      },
    });
    const runId = await runNow(me, task.id);
    // No worker yet: the downloads stay queued and the run waits for them.
    await waitFor('the run to wait for downloads', async () => {
      const { body } = await me.call<AutomationRunDto>(paths.run(runId));
      return body.stage === 'downloads' ? body : undefined;
    });

    const port = Number(new URL(app.baseUrl).port);
    await app.close({ keepInstance: true, dropConnections: true });
    // As if the process had died mid-pass: its lease is still on the run until it runs out.
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    await sql.query(
      `UPDATE automation_runs SET lease_owner = 'killed-process', lease_until = now() + interval '3 seconds' WHERE id = $1`,
      [runId],
    );
    await sql.end();
    app = await startTestApp(env, app.instanceDir, { port });
    worker = startWorkerProcess({
      ...workerEnv(app.baseUrl, WORKER_API_KEY, redis.prefix),
      WORKER_QUEUES: 'gpu,celery',
      WORKER_HEARTBEAT_SECONDS: '1',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
      COMPILE_CACHE_DIR: join(scratch, 'cache'),
    });

    const run = await finished(me, runId, 240_000);
    expect(run).toMatchObject({ state: 'completed', skippedClips: [] });
    const projects = (await me.call<ProjectListDto>(API_PATHS.projects.list)).body;
    expect(projects.items.map((p) => p.id)).toEqual([run.projectId]);
    const compilations = (
      await me.call<CompilationListDto>(API_PATHS.projects.compilations(run.projectId!))
    ).body.items;
    expect(compilations).toHaveLength(1);
    expect(compilations[0]!.state).toBe('completed');
    expect((await me.media(run.videoMediaId!)).body as MediaDto).toMatchObject({
      type: 'compilation',
    });
  }, 300_000);
});
