import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_PATHS,
  type ClipDto,
  type CompilationDto,
  type CompilationListDto,
  type HealthDto,
} from '@clippyfront/shared';
import { clipsClient, registerUsers } from './support/clips-client.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { api, startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { serveTestMedia, testMedia, uploadMedia } from './support/test-media.js';
import { colourAt, probeVideo } from './support/video-check.js';
import { startWorkerProcess, type WorkerProcess, workerEnv } from './support/worker-process.js';

const WORKER_API_KEY = 'compile-test-worker-key-0123456789';

describe('compile on a remote worker (Bull + Redis, a CPU-only worker process)', () => {
  const redis = createRedisPrefix('compile');
  const scratch = mkdtempSync(join(tmpdir(), 'clippyfront-compile-worker-'));
  let db: TestDatabase;
  let app: TestApp;
  let host: Awaited<ReturnType<typeof serveTestMedia>>;
  let worker: WorkerProcess;
  let token: string;
  const me = clipsClient(
    () => app,
    () => token,
  );

  beforeAll(async () => {
    host = await serveTestMedia();
    db = await createTestDatabase('compile_worker');
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
      ALLOW_EXTERNAL_URLS: 'true',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    [token] = await registerUsers(app, 'remote_compiler');
    worker = startWorkerProcess({
      ...workerEnv(app.baseUrl, WORKER_API_KEY, redis.prefix),
      WORKER_NAME: 'cpu-only',
      WORKER_QUEUES: 'celery',
      WORKER_HEARTBEAT_SECONDS: '1',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
      COMPILE_CACHE_DIR: join(scratch, 'cache'),
    });
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
    host?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('reports the worker’s compile encoder in health', async () => {
    const online = await waitFor('the worker', async () => {
      const { body } = await app.api<HealthDto>(API_PATHS.health);
      return body.workers.list.find((w) => w.name === 'cpu-only');
    });
    expect(online.queues).toEqual(['celery']);
    expect(online.encoder).toEqual({ encoder: 'libx264', reason: expect.any(String) });
    // Workers see the details too (with their key); anonymous callers only the status.
    const asWorker = await api<HealthDto>(app.baseUrl, API_PATHS.health, {
      headers: { 'x-worker-key': WORKER_API_KEY },
    });
    expect(asWorker.body.detailed).toBe(true);
    const anonymous = await api<HealthDto>(app.baseUrl, API_PATHS.health);
    expect(anonymous.body.detailed).toBe(false);
    expect(JSON.stringify(anonymous.body)).not.toContain('cpu-only');
  });

  it('runs a gpu-queue compile on the CPU worker when no GPU worker is online', async () => {
    const project = await me.project('Remote render');
    const clips = await me.addReady(
      project,
      host.url('red-1080p60.mp4'),
      host.url('blue-720p30-silent.mp4'),
    );
    const intro = await uploadMedia(app.baseUrl, token, testMedia('clip.mp4'), 'intro.mp4', {
      type: 'intro',
    });
    await me.call(API_PATHS.projects.arrangement(project), {
      method: 'PUT',
      body: {
        introId: intro.body.id,
        outroId: null,
        transitionIds: [],
        randomizeTransitions: false,
      },
    });
    const byUrl = (recipe: string) =>
      (clips.find((clip) => clip.sourceUrl.endsWith(recipe)) as ClipDto).id;
    await me.call(API_PATHS.projects.timeline(project), {
      method: 'PUT',
      body: { clipIds: [byUrl('red-1080p60.mp4'), byUrl('blue-720p30-silent.mp4')] },
    });

    const started = await me.call<CompilationDto>(API_PATHS.projects.compile(project), {
      body: { resolution: '720p', fps: 30, quality: 'small' },
    });
    expect(started.status).toBe(201);
    const done = await waitFor(
      'the compile',
      async () => {
        const { body } = await me.call<CompilationListDto>(
          API_PATHS.projects.compilations(project),
        );
        const found = body.items[0];
        if (found?.state === 'failed') throw new Error(found.error ?? 'failed');
        return found?.state === 'completed' ? found : undefined;
      },
      180_000,
    );
    const job = await me.job(done.jobId!);
    expect(job).toMatchObject({ kind: 'compile', queue: 'gpu', state: 'completed' });
    expect(job.workerId).toMatch(/cpu-only/);
    expect(job.log).toEqual(expect.arrayContaining(['Saving output: Remote_render.mp4']));
    expect(done.media).toMatchObject({ type: 'compilation', name: 'Remote render' });

    const response = await fetch(`${app.baseUrl}${API_PATHS.media.stream(done.media!.id)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const path = join(scratch, 'remote.mp4');
    writeFileSync(path, Buffer.from(await response.arrayBuffer()));
    const probed = await probeVideo(path);
    expect(probed.video).toMatchObject({ width: 1280, height: 720, fps: 30 });
    // Intro, S, red, S, blue: 2 + 0.5 + 2 + 0.5 + 2.
    expect(Math.abs(probed.durationSeconds - 7)).toBeLessThanOrEqual(0.1);
    expect((await colourAt(path, 3.5))[0]).toBeGreaterThan(150);
    expect((await colourAt(path, 6))[2]).toBeGreaterThan(150);
    expect(probed.chapters.map((c) => c.title)[0]).toBe('Intro');
  }, 240_000);
});
