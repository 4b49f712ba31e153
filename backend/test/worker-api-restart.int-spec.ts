import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_PATHS,
  type CompilationDto,
  type CompilationListDto,
  type HealthDto,
  type JobDto,
  type JobListDto,
} from '@clippyfront/shared';
import { clipsClient, registerUsers } from './support/clips-client.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { serveTestMedia } from './support/test-media.js';
import { startWorkerProcess, type WorkerProcess, workerEnv } from './support/worker-process.js';

const WORKER_API_KEY = 'api-restart-test-worker-key-0123456789';

describe('a worker (gpu,celery, WORKER_CONCURRENCY=1) while the API restarts', () => {
  const redis = createRedisPrefix('api-restart');
  const scratch = mkdtempSync(join(tmpdir(), 'clippyfront-api-restart-'));
  let db: TestDatabase;
  let app: TestApp;
  let appEnv: Record<string, string>;
  let host: Awaited<ReturnType<typeof serveTestMedia>>;
  let worker: WorkerProcess;
  let token: string;
  let projectId: string;
  const me = clipsClient(
    () => app,
    () => token,
  );

  const compilation = (jobId: string) =>
    waitFor(
      'the compile',
      async () => {
        const { body } = await me.call<CompilationListDto>(
          API_PATHS.projects.compilations(projectId),
        );
        const found = body.items.find((item) => item.jobId === jobId);
        if (found?.state === 'failed') throw new Error(found.error ?? 'failed');
        return found?.state === 'completed' ? found : undefined;
      },
      300_000,
    );

  const startCompile = async () => {
    const started = await me.call<CompilationDto>(API_PATHS.projects.compile(projectId), {
      body: { resolution: '720p', fps: 30, quality: 'small' },
    });
    expect(started.status).toBe(201);
    return started.body.jobId!;
  };

  beforeAll(async () => {
    host = await serveTestMedia();
    db = await createTestDatabase('api_restart');
    appEnv = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
      ALLOW_EXTERNAL_URLS: 'true',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
    };
    app = await startTestApp(appEnv);
    [token] = await registerUsers(app, 'restart_user');
    worker = startWorkerProcess({
      ...workerEnv(app.baseUrl, WORKER_API_KEY, redis.prefix),
      WORKER_NAME: 'one-at-a-time',
      WORKER_QUEUES: 'gpu,celery',
      WORKER_CONCURRENCY: '1',
      WORKER_HEARTBEAT_SECONDS: '1',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
      COMPILE_CACHE_DIR: join(scratch, 'cache'),
    });
    projectId = await me.project('Restart-proof render');
    const clips = await me.addReady(
      projectId,
      host.url('green-long.mp4'),
      host.url('red-1080p60.mp4'),
      host.url('blue-720p30-silent.mp4'),
    );
    await me.call(API_PATHS.projects.timeline(projectId), {
      method: 'PUT',
      body: { clipIds: clips.map((clip) => clip.id) },
    });
  }, 180_000);

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
    host?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('shows its concurrency as the total in health', async () => {
    const online = await waitFor('the worker', async () => {
      const { body } = await app.api<HealthDto>(API_PATHS.health);
      return body.workers.list.find((w) => w.name === 'one-at-a-time');
    });
    expect(online).toMatchObject({ queues: ['gpu', 'celery'], concurrency: 1 });
  });

  it('finishes a compile cut by an API restart in the same attempt, once', async () => {
    const jobId = await startCompile();
    // Claimed: the render reads its sources from the API while it is away.
    const atRestart = await waitFor(
      'the render to start',
      async () => {
        const job = await me.job(jobId);
        return job.state === 'running' ? job : undefined;
      },
      120_000,
    );
    expect(atRestart.progress).toBeLessThan(50);

    const port = Number(new URL(app.baseUrl).port);
    await app.close({ keepInstance: true, dropConnections: true });
    // Away for longer than WORKER_HEARTBEAT_TIMEOUT_SECONDS (15): the render goes on and opens
    // its next sources meanwhile, and the API back counts no silence from before its start.
    await new Promise((resolve) => setTimeout(resolve, 17_000));
    app = await startTestApp(appEnv, app.instanceDir, { port });

    const done = await compilation(jobId);
    const job = await me.job(jobId);
    if (job.attempts !== 1) console.warn(`${job.log.join('\n')}\n--- worker:\n${worker.output()}`);
    expect(job).toMatchObject({ state: 'completed', attempts: 1, error: null });
    expect(job.log.filter((line) => line.startsWith('Claimed by'))).toHaveLength(1);
    expect(job.log.filter((line) => line === 'Completed')).toHaveLength(1);
    expect(job.log.join('\n')).not.toMatch(/Failed|stopped reporting/);
    // One video in the library, not one per try.
    const { body: list } = await me.call<CompilationListDto>(
      API_PATHS.projects.compilations(projectId),
    );
    expect(list.items.filter((item) => item.jobId === jobId)).toHaveLength(1);
    expect(done.media).toMatchObject({ type: 'compilation' });
    // The job ran through the outage.
    expect(worker.output()).toMatch(/Job .*: Progress report failed/);
    expect(worker.output()).not.toMatch(/Could not report|claim was lost/);
  }, 420_000);

  it('runs at most one job at once, from either queue', async () => {
    const compileId = await startCompile();
    const probes = await Promise.all(
      [1, 2].map(async () => {
        const { status, body } = await app.api<JobDto>(API_PATHS.probe, {
          body: { durationSeconds: 2, width: 320, height: 240, fps: 25 },
        });
        expect(status).toBe(201);
        return body.id;
      }),
    );
    await compilation(compileId);
    const jobs = await waitFor(
      'every job of the worker to end',
      async () => {
        const { body } = await app.api<JobListDto>(`${API_PATHS.jobs}?limit=100`);
        const mine = body.items.filter((job) => job.workerId?.startsWith('one-at-a-time-'));
        const ended = probes.every((id) => mine.some((j) => j.id === id && j.finishedAt));
        return ended && mine.every((job) => job.finishedAt) ? mine : undefined;
      },
      180_000,
    );
    expect(jobs.map((job) => job.kind)).toEqual(expect.arrayContaining(['compile', 'probe']));
    const spans = jobs
      .map((job) => ({
        kind: job.kind,
        from: Date.parse(job.startedAt!),
        to: Date.parse(job.finishedAt!),
      }))
      .sort((a, b) => a.from - b.from);
    // Each job (downloads, thumbnails, compiles, probes) starts after the one before it ended.
    const overlaps = spans.filter((span, i) => i > 0 && span.from < spans[i - 1]!.to);
    expect(overlaps).toEqual([]);
  }, 420_000);
});
