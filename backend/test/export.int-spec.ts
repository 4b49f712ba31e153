import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_PATHS,
  WORKER_KEY_HEADER,
  type ArtifactReportsResponse,
  type CompilationDto,
  type CompilationListDto,
  type JobDto,
} from '@clippyfront/shared';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import { clipsClient, registerUsers } from './support/clips-client.js';
import { finishedCompilation } from './support/fake-compile.js';
import { FakeWorker } from './support/fake-worker.js';
import { startLocalSshd, type LocalSshd } from './support/local-sshd.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { api, startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { serveTestMedia, testMedia } from './support/test-media.js';
import { startWorkerProcess, type WorkerProcess, workerEnv } from './support/worker-process.js';

const WORKER_API_KEY = 'export-test-worker-key-0123456789';
const SIDECAR = join(PROJECT_ROOT, 'deploy', 'artifact-sync', 'artifact-sync.mjs');

/** A project of one ready clip compiled small: the finished compilation and how to read it again. */
async function compileOneClip(me: ReturnType<typeof clipsClient>, clipUrl: string, name: string) {
  const project = await me.project(name);
  const [clip] = await me.addReady(project, clipUrl);
  await me.call(API_PATHS.projects.timeline(project), {
    method: 'PUT',
    body: { clipIds: [clip!.id] },
  });
  const started = await me.call<CompilationDto>(API_PATHS.projects.compile(project), {
    body: { resolution: '720p', fps: 24, quality: 'small' },
  });
  expect(started.status).toBe(201);
  const read = async () =>
    (await me.call<CompilationDto>(API_PATHS.projects.compilation(project, started.body.id))).body;
  const done = await waitFor(
    'the compile',
    async () => {
      const now = await read();
      if (now.state === 'failed') throw new Error(now.error ?? 'failed');
      return now.state === 'completed' ? now : undefined;
    },
    240_000,
  );
  return { project, read, done };
}

describe('the Export step’s API: download named after the project, artifact states', () => {
  const redis = createRedisPrefix('export');
  let db: TestDatabase;
  let app: TestApp;
  let owner: string;
  let other: string;
  let worker: FakeWorker;
  const me = clipsClient(
    () => app,
    () => owner,
  );
  const compilation = async (projectId: string, id: string) =>
    (await me.call<CompilationDto>(API_PATHS.projects.compilation(projectId, id))).body;
  const report = (body: unknown, headers = worker.headers) =>
    api<ArtifactReportsResponse & { message: string | string[] }>(
      app.baseUrl,
      API_PATHS.worker.artifacts,
      { body, headers },
    );

  beforeAll(async () => {
    db = await createTestDatabase('export');
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
    });
    [owner, other] = await registerUsers(app, 'exporter', 'outsider');
    worker = await FakeWorker.register(app.baseUrl, WORKER_API_KEY, 'export-worker');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
  });

  it('downloads the video as "<project name>.mp4", non-ASCII and quotes safely encoded', async () => {
    const name = 'Ünïcödé "quoted" \'n\' 日本 / 100%';
    const { projectId, compilation: done, bytes } = await finishedCompilation(me, worker, name);
    expect(done.state).toBe('completed');
    const url = `${app.baseUrl}${API_PATHS.projects.compilationDownload(projectId, done.id)}`;
    const response = await fetch(url, { headers: { authorization: `Bearer ${owner}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('video/mp4');
    const header = response.headers.get('content-disposition')!;
    expect(header).toBe(
      `attachment; filename="_n_c_d_ _quoted_ 'n' __ _ 100_.mp4"; ` +
        `filename*=UTF-8''%C3%9Cn%C3%AFc%C3%B6d%C3%A9%20_quoted_%20%27n%27%20%E6%97%A5%E6%9C%AC%20_%20100%25.mp4`,
    );
    const encoded = /filename\*=UTF-8''([^;]+)$/.exec(header)![1]!;
    expect(decodeURIComponent(encoded)).toBe("Ünïcödé _quoted_ 'n' 日本 _ 100%.mp4");
    expect(Buffer.from(await response.arrayBuffer())).toEqual(bytes);

    const ranged = await fetch(url, {
      headers: { authorization: `Bearer ${owner}`, range: 'bytes=10-19' },
    });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-disposition')).toBe(header);
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(bytes.subarray(10, 20));

    const asOther = await fetch(url, { headers: { authorization: `Bearer ${other}` } });
    expect(asOther.status).toBe(404);
    await asOther.text();
    const anonymous = await fetch(url);
    expect(anonymous.status).toBe(401);
    await anonymous.text();
  });

  it('a compilation still rendering has no download (404)', async () => {
    const projectId = await me.project('Queued');
    const [clip] = await me.addOk(
      projectId,
      'https://cdn.discordapp.com/attachments/1/2/queued.mp4?ex=1&is=2&hm=3',
    );
    await worker.download(clip!.jobId!, testMedia('small-blue.mp4'));
    await me.call(API_PATHS.projects.timeline(projectId), {
      method: 'PUT',
      body: { clipIds: [clip!.id] },
    });
    const started = await me.call<CompilationDto>(API_PATHS.projects.compile(projectId), {
      body: {},
    });
    expect(started.body.state).toBe('queued');
    expect(started.body.artifact).toBeNull();
    const response = await me.call<{ message: string }>(
      API_PATHS.projects.compilationDownload(projectId, started.body.id),
    );
    expect(response.status).toBe(404);
    expect(response.body.message).toBe('This compilation has no finished video');
  });

  it('shows "not exported" without a report, and the state the worker reports', async () => {
    const plain = await finishedCompilation(me, worker, 'Not exported');
    expect(plain.compilation.artifact).toBeNull();

    const exportedAt = '2026-12-03T10:00:00.000Z';
    const { projectId, compilation: done } = await finishedCompilation(me, worker, 'Exported', {
      artifact: { name: 'p_Exported_20261203T100000Z', state: 'exported', at: exportedAt },
    });
    expect(done.artifact).toEqual({
      name: 'p_Exported_20261203T100000Z',
      state: 'exported',
      at: exportedAt,
      error: null,
      worker: worker.workerId,
    });
    const base = { jobId: done.jobId, name: 'p_Exported_20261203T100000Z' };

    // The sidecar pushed it: stored; the same report again is a repeat, not a change back.
    const pushed = { ...base, state: 'pushed', at: '2026-12-03T10:05:00.000Z' };
    expect((await report({ workerId: worker.workerId, reports: [pushed] })).body).toEqual({
      updated: 1,
      stale: 0,
      unknown: 0,
    });
    expect((await compilation(projectId, done.id)).artifact).toMatchObject({
      state: 'pushed',
      at: '2026-12-03T10:05:00.000Z',
      error: null,
    });
    // Older than what is stored (a restarted worker re-sending): ignored.
    const late = { ...base, state: 'exported', at: exportedAt };
    expect((await report({ workerId: worker.workerId, reports: [late] })).body).toMatchObject({
      stale: 1,
    });
    // Another worker, or a job without a compilation: unknown, nothing stored.
    const foreign = { ...base, state: 'failed', at: '2026-12-03T11:00:00.000Z', error: 'x' };
    const someoneElse = await FakeWorker.register(app.baseUrl, WORKER_API_KEY, 'someone-else');
    const stranger = await report(
      { workerId: someoneElse.workerId, reports: [foreign] },
      someoneElse.headers,
    );
    expect(stranger.body).toMatchObject({ unknown: 1, updated: 0 });
    // Nor can it speak for the worker that ran the job: its token says who it is.
    const forged = await report(
      { workerId: worker.workerId, reports: [foreign] },
      someoneElse.headers,
    );
    expect(forged.status).toBe(403);
    const nobody = await report({
      workerId: worker.workerId,
      reports: [{ ...foreign, jobId: '00000000-0000-4000-8000-000000000000' }],
    });
    expect(nobody.body).toMatchObject({ unknown: 1 });
    expect((await compilation(projectId, done.id)).artifact?.state).toBe('pushed');

    // A later failed push (the sidecar's .FAILED) with its reason.
    const failed = {
      ...base,
      state: 'failed',
      at: '2026-12-03T12:00:00.000Z',
      error: 'Host key verification failed.',
    };
    expect((await report({ workerId: worker.workerId, reports: [failed] })).body.updated).toBe(1);
    expect((await compilation(projectId, done.id)).artifact).toMatchObject({
      state: 'failed',
      error: 'Host key verification failed.',
    });
    // The list carries the same.
    const { body: list } = await me.call<CompilationListDto>(
      API_PATHS.projects.compilations(projectId),
    );
    expect(list.items[0]!.artifact?.state).toBe('failed');
  });

  it('refuses bad reports naming the field, and reports without a worker token', async () => {
    const good = {
      jobId: '00000000-0000-4000-8000-000000000000',
      name: 'x',
      state: 'pushed',
      at: '2026-12-03T10:05:00.000Z',
    };
    const cases: [unknown, string][] = [
      [{ workerId: 'w', reports: [{ ...good, state: 'lost' }] }, 'state'],
      [{ workerId: 'w', reports: [{ ...good, at: 'yesterday' }] }, 'at'],
      [{ workerId: 'w', reports: [{ ...good, jobId: 'nope' }] }, 'jobId'],
      [{ workerId: 'w', reports: [{ ...good, name: 7 }] }, 'name'],
      [{ workerId: 'w', reports: Array.from({ length: 101 }, () => good) }, 'reports'],
      [{ reports: [good] }, 'workerId'],
      [{ workerId: 'w' }, 'reports'],
    ];
    for (const [body, field] of cases) {
      const refused = await report(body);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body.message)).toContain(field);
    }
    const wrongKey = await report(
      { workerId: worker.workerId, reports: [good] },
      { [WORKER_KEY_HEADER]: 'not-the-key-0123456789' },
    );
    expect(wrongKey.status).toBe(401);
    // The shared key only registers workers.
    const sharedKey = await report(
      { workerId: worker.workerId, reports: [good] },
      { [WORKER_KEY_HEADER]: WORKER_API_KEY },
    );
    expect(sharedKey.status).toBe(401);
    const asUser = await api(app.baseUrl, API_PATHS.worker.artifacts, {
      token: owner,
      body: { workerId: 'w', reports: [good] },
    });
    expect(asUser.status).toBe(401);
  });
});

describe('artifact states from a real worker with ARTIFACTS_DIR and the sidecar’s markers', () => {
  const redis = createRedisPrefix('export_worker');
  const scratch = mkdtempSync(join(tmpdir(), 'clippyfront-export-'));
  const artifacts = join(scratch, 'artifacts');
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
    db = await createTestDatabase('export_worker');
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
      ALLOW_EXTERNAL_URLS: 'true',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
    });
    [token] = await registerUsers(app, 'artifact_owner');
    worker = startWorkerProcess({
      ...workerEnv(app.baseUrl, WORKER_API_KEY, redis.prefix),
      WORKER_NAME: 'exporter',
      WORKER_QUEUES: 'gpu,celery',
      WORKER_HEARTBEAT_SECONDS: '1',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
      COMPILE_CACHE_DIR: join(scratch, 'cache'),
      ARTIFACTS_DIR: artifacts,
      ARTIFACT_REPORT_SECONDS: '1',
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

  it('exported when the worker wrote it, pushed once .PUSHED appears, failed on .FAILED', async () => {
    const { read, done } = await compileOneClip(me, host.url('small-red.mp4'), 'Exported for real');
    const job = (await me.call<JobDto>(API_PATHS.job(done.jobId!))).body;
    expect(done.artifact).toMatchObject({ state: 'exported', error: null });
    expect(done.artifact!.worker).toBe(job.workerId);
    const dir = join(artifacts, done.artifact!.name!);
    expect(existsSync(join(dir, '.DONE'))).toBe(true);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as {
      jobId: string;
    };
    expect(manifest.jobId).toBe(done.jobId);

    // What the sidecar writes after a failed push, then after a successful one.
    writeFileSync(
      join(dir, '.FAILED'),
      JSON.stringify({
        failedAt: new Date(Date.now() + 1000).toISOString(),
        error: 'ssh: timeout',
      }),
    );
    const failed = await waitFor('the failed push reported', async () => {
      const now = await read();
      return now.artifact?.state === 'failed' ? now.artifact : undefined;
    });
    expect(failed.error).toBe('ssh: timeout');
    const pushedAt = new Date(Date.now() + 2000).toISOString();
    writeFileSync(join(dir, '.PUSHED'), JSON.stringify({ pushedAt, target: 'ingest@h:/x/' }));
    const pushed = await waitFor('the push reported', async () => {
      const now = await read();
      return now.artifact?.state === 'pushed' ? now.artifact : undefined;
    });
    expect(pushed).toMatchObject({ at: pushedAt, error: null, name: done.artifact!.name });
  }, 300_000);
});

describe('artifact states of in-process jobs (embedded mode) pushed by the real sidecar', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'clippyfront-export-embedded-'));
  const artifacts = join(scratch, 'artifacts');
  const ingestRoot = join(scratch, 'ingest');
  let db: TestDatabase;
  let app: TestApp;
  let host: Awaited<ReturnType<typeof serveTestMedia>>;
  let sshd: LocalSshd;
  let token: string;
  const me = clipsClient(
    () => app,
    () => token,
  );
  const sidecar = (pushTarget: string) =>
    new Promise<{ code: number; output: string }>((resolve) => {
      execFile(
        process.execPath,
        [SIDECAR, '--once'],
        {
          env: {
            PATH: process.env.PATH ?? '',
            HOME: scratch,
            ARTIFACTS_DIR: artifacts,
            PUSH_TARGET: `${sshd.user}@127.0.0.1:${pushTarget}`,
            SSH_PORT: String(sshd.port),
            SSH_KEY_PATH: sshd.clientKey,
            SSH_KNOWN_HOSTS: sshd.knownHosts,
            RETENTION_DAYS: '0',
          },
          timeout: 120_000,
        },
        (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
      );
    });

  beforeAll(async () => {
    host = await serveTestMedia();
    sshd = await startLocalSshd(join(scratch, 'sshd'));
    db = await createTestDatabase('export_embedded');
    // No REDIS_URL: jobs run in the API process, which reads the sidecar's markers itself.
    app = await startTestApp({
      DATABASE_URL: db.url,
      ALLOW_EXTERNAL_URLS: 'true',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
      ARTIFACTS_DIR: artifacts,
      ARTIFACT_REPORT_SECONDS: '1',
    });
    [token] = await registerUsers(app, 'embedded_exporter');
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await sshd?.stop();
    host?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('exported, then failed when the push fails, then pushed: all shown in the Export step', async () => {
    const { read, done } = await compileOneClip(me, host.url('small-red.mp4'), 'Embedded export');
    const job = (await me.call<JobDto>(API_PATHS.job(done.jobId!))).body;
    expect(job.workerId).toMatch(/^embedded-/);
    expect(done.artifact).toMatchObject({ state: 'exported', worker: job.workerId });
    const name = done.artifact!.name!;

    // The ingest host's directory is missing: the push fails, and the Export step says why.
    const refused = await sidecar(join(ingestRoot, 'missing'));
    expect(refused.code).toBe(1);
    const failed = await waitFor('the failed push recorded', async () => {
      const now = await read();
      return now.artifact?.state === 'failed' ? now.artifact : undefined;
    });
    expect(failed).toMatchObject({ name, worker: job.workerId });
    expect(failed.error).toBeTruthy();

    mkdirSync(ingestRoot);
    const pushedRun = await sidecar(ingestRoot);
    expect(pushedRun).toMatchObject({ code: 0 });
    const marker = JSON.parse(readFileSync(join(artifacts, name, '.PUSHED'), 'utf8')) as {
      pushedAt: string;
    };
    const pushed = await waitFor('the push recorded', async () => {
      const now = await read();
      return now.artifact?.state === 'pushed' ? now.artifact : undefined;
    });
    expect(pushed).toMatchObject({ name, at: marker.pushedAt, error: null, worker: job.workerId });
    // And the ingest host has the data with the marker.
    expect(existsSync(join(ingestRoot, name, '.PUSHED'))).toBe(true);
  }, 300_000);
});
