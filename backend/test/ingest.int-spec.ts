/**
 * The ingest importer, the whole chain on one machine: a worker process with ARTIFACTS_DIR
 * renders and exports a compilation, the real artifact-sync sidecar pushes it with rsync over
 * SSH to a local sshd into INGEST_ROOT, and the API imports it exactly once (again, after a
 * restart, and with two API processes scanning at once), refusing a corrupted copy.
 */
import { createHash } from 'node:crypto';
import { execFile } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  API_PATHS,
  type AdminProjectListDto,
  type CompilationDto,
  type CompilationListDto,
  type IngestScanResultDto,
  type IngestStatusDto,
  type MediaDto,
  type MediaListDto,
  type ProjectListDto,
  type ProjectSharingDto,
  type PublicProjectDto,
  type UsageDto,
} from '@clippyfront/shared';
import { PROJECT_ROOT } from '../src/config/project-paths.js';
import { clipsClient, registerUsers } from './support/clips-client.js';
import { startLocalSshd, type LocalSshd } from './support/local-sshd.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { api, startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { serveTestMedia } from './support/test-media.js';
import { startWorkerProcess, type WorkerProcess, workerEnv } from './support/worker-process.js';

const WORKER_API_KEY = 'ingest-test-worker-key-0123456789';
const SIDECAR = join(PROJECT_ROOT, 'deploy', 'artifact-sync', 'artifact-sync.mjs');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

function runSidecar(env: Record<string, string>): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [SIDECAR, '--once'],
      { env: { PATH: process.env.PATH ?? '', ...env }, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

describe('ingest importer: worker export → artifact-sync over SSH → import exactly once', () => {
  const redis = createRedisPrefix('ingest');
  const scratch = mkdtempSync(join(tmpdir(), 'clippyfront-ingest-'));
  const artifacts = join(scratch, 'artifacts');
  const ingestRoot = join(scratch, 'ingest');
  let db: TestDatabase;
  let app: TestApp;
  let env: Record<string, string>;
  let host: Awaited<ReturnType<typeof serveTestMedia>>;
  let worker: WorkerProcess | undefined;
  let sshd: LocalSshd;
  let renderToken: string;
  let archivistToken: string;
  const render = clipsClient(
    () => app,
    () => renderToken,
  );
  const scan = (target = app) =>
    api<IngestScanResultDto>(target.baseUrl, API_PATHS.admin.ingestScan, {
      method: 'POST',
      token: target.adminToken,
    });
  const archivistMedia = async () =>
    (
      await api<MediaListDto>(app.baseUrl, `${API_PATHS.media.list}?limit=100`, {
        token: archivistToken,
      })
    ).body;
  let exported: { name: string; manifest: { sha256: string; fileName: string } };
  const archivistProject = async () => {
    const { body } = await api<ProjectListDto>(app.baseUrl, API_PATHS.projects.list, {
      token: archivistToken,
    });
    const found = body.items.find((p) => p.name === 'Imported renders');
    if (!found) throw new Error('no "Imported renders" project');
    return found;
  };
  const archivistCompilations = async () =>
    (
      await api<CompilationListDto>(
        app.baseUrl,
        API_PATHS.projects.compilations((await archivistProject()).id),
        { token: archivistToken },
      )
    ).body.items;

  beforeAll(async () => {
    mkdirSync(join(ingestRoot, 'render-01'), { recursive: true });
    host = await serveTestMedia();
    sshd = await startLocalSshd(join(scratch, 'sshd'));
    db = await createTestDatabase('ingest');
    env = {
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
      ALLOW_EXTERNAL_URLS: 'true',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
      INGEST_IMPORT_ENABLED: 'true',
      INGEST_ROOT: ingestRoot,
      INGEST_IMPORT_USERNAME: 'archivist',
      INGEST_IMPORT_PROJECT: 'Imported renders',
      // A day: only the .PUSHED marker the sidecar sends after the data makes an artifact ready.
      INGEST_IMPORT_STABLE_SECONDS: '86400',
      // Scans in these tests are the ones they ask for.
      INGEST_IMPORT_INTERVAL_SECONDS: '3600',
    };
    app = await startTestApp(env);
    [renderToken, archivistToken] = await registerUsers(app, 'renderer', 'archivist');
    worker = startWorkerProcess({
      ...workerEnv(app.baseUrl, WORKER_API_KEY, redis.prefix),
      WORKER_NAME: 'render-01',
      WORKER_HEARTBEAT_SECONDS: '1',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
      COMPILE_CACHE_DIR: join(scratch, 'cache'),
      ARTIFACTS_DIR: artifacts,
    });
  }, 120_000);

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
    await sshd?.stop();
    host?.close();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('imports a compilation the worker exported and the sidecar pushed, once', async () => {
    const project = await render.project('Chain render');
    const [clip] = await render.addReady(project, host.url('clip.mp4'));
    await render.call(API_PATHS.projects.timeline(project), {
      method: 'PUT',
      body: { clipIds: [clip!.id] },
    });
    const started = await render.call<CompilationDto>(API_PATHS.projects.compile(project), {
      body: { resolution: '720p', fps: 30, quality: 'small' },
    });
    expect(started.status).toBe(201);
    const done = await waitFor(
      'the compile',
      async () => {
        const { body } = await render.call<CompilationListDto>(
          API_PATHS.projects.compilations(project),
        );
        const found = body.items[0];
        if (found?.state === 'failed') throw new Error(found.error ?? 'failed');
        return found?.state === 'completed' ? found : undefined;
      },
      180_000,
    );
    const job = await render.job(done.jobId!);
    expect(job.workerId).toMatch(/render-01/);
    const name = await waitFor('the exported artifact', async () =>
      readdirSync(artifacts).find((entry) => entry.startsWith(`${project}_`)),
    );
    const manifest = JSON.parse(readFileSync(join(artifacts, name, 'manifest.json'), 'utf8')) as {
      kind: string;
      sha256: string;
      fileName: string;
    };
    expect(manifest.kind).toBe('compilation');
    exported = { name, manifest };

    const pushed = await runSidecar({
      HOME: scratch,
      ARTIFACTS_DIR: artifacts,
      PUSH_TARGET: `${sshd.user}@127.0.0.1:${join(ingestRoot, 'render-01')}`,
      SSH_PORT: String(sshd.port),
      SSH_KEY_PATH: sshd.clientKey,
      SSH_KNOWN_HOSTS: sshd.knownHosts,
      CLEANUP_MODE: 'none',
      RETENTION_DAYS: '0',
    });
    expect(pushed).toMatchObject({ code: 0 });
    expect(pushed.output).toContain('push.succeeded');
    const arrived = join(ingestRoot, 'render-01', name);
    expect(readdirSync(arrived).sort()).toEqual(
      ['.PUSHED', 'chapters.txt', manifest.fileName, 'manifest.json', 'thumbnail.jpg'].sort(),
    );
    // The downloaded clip was exported and pushed too.
    const clipArtifact = readdirSync(join(ingestRoot, 'render-01')).find((n) => n !== name)!;
    expect(clipArtifact).toMatch(/^clip_/);

    // The sidecar's .PUSHED arrived after the data: imported by the first scan, no waiting.
    const first = await scan();
    expect(first.status).toBe(200);
    expect(first.body.counts).toMatchObject({ imported: 2, waiting: 0, failed: 0 });
    const seen = new Map(first.body.artifacts.map((entry) => [entry.artifact, entry]));
    expect(seen.get(clipArtifact)).toMatchObject({ state: 'imported', mediaType: 'clip' });
    expect(seen.get(name)).toEqual(
      expect.objectContaining({
        workerId: 'render-01',
        artifact: name,
        file: manifest.fileName,
        state: 'imported',
        mediaType: 'compilation',
        sha256: manifest.sha256,
        reason: null,
      }),
    );
    const mediaId = seen.get(name)!.mediaId!;
    const media = await waitFor('the thumbnail', async () => {
      const { body } = await api<MediaDto>(app.baseUrl, API_PATHS.media.item(mediaId), {
        token: archivistToken,
      });
      return body.hasThumbnail ? body : undefined;
    });
    expect(media).toMatchObject({ type: 'compilation', name: manifest.fileName, tags: ['ingest'] });
    expect(media.durationSeconds).toBeGreaterThan(1.5);
    const stream = await fetch(`${app.baseUrl}${API_PATHS.media.stream(mediaId)}`, {
      headers: { authorization: `Bearer ${archivistToken}` },
    });
    expect(sha256(Buffer.from(await stream.arrayBuffer()))).toBe(manifest.sha256);
    // Not the renderer's: only the configured user's library got it.
    expect(
      (await api(app.baseUrl, API_PATHS.media.item(mediaId), { token: renderToken })).status,
    ).toBe(404);
    const projects = await api<ProjectListDto>(app.baseUrl, API_PATHS.projects.list, {
      token: archivistToken,
    });
    const target = projects.body.items.find((p) => p.name === 'Imported renders');
    expect(target).toBeDefined();

    const status = await app.api<IngestStatusDto>(API_PATHS.admin.ingest);
    expect(status.status).toBe(200);
    expect(status.body.settings).toMatchObject({
      enabled: true,
      root: ingestRoot,
      username: 'archivist',
      project: 'Imported renders',
      pattern: '*.mp4',
      action: 'copy',
      stableSeconds: 86400,
      workerIds: [],
      intervalSeconds: 3600,
    });
    expect(status.body.lastScan?.counts).toMatchObject({ waiting: 0, failed: 0 });
    expect(status.body.importedTotal).toBe(2);
    expect(status.body.recentImports).toContainEqual(
      expect.objectContaining({
        path: `render-01/${name}/${manifest.fileName}`,
        sha256: manifest.sha256,
        mediaId,
        projectId: target!.id,
      }),
    );

    // The second scan imports nothing.
    const again = await scan();
    expect(again.body.counts).toMatchObject({ imported: 0, failed: 0, skipped: 2 });
    expect(again.body.artifacts.map((a) => a.reason)).toEqual([
      'already imported',
      'already imported',
    ]);
    expect((await archivistMedia()).total).toBe(2);
  }, 300_000);

  it("makes the imported compilation one of the project's compilations (Export step, share page)", async () => {
    const target = await archivistProject();
    const list = await api<CompilationListDto>(
      app.baseUrl,
      API_PATHS.projects.compilations(target.id),
      { token: archivistToken },
    );
    expect(list.status).toBe(200);
    // The compilation artifact only: the clip went to the library as a clip.
    expect(list.body.items).toHaveLength(1);
    const imported = list.body.items[0]!;
    const manifest = JSON.parse(
      readFileSync(join(ingestRoot, 'render-01', exported.name, 'manifest.json'), 'utf8'),
    ) as { chapters: { startSeconds: number; title: string }[]; durationSeconds: number };
    expect(manifest.chapters.length).toBeGreaterThan(0);
    expect(imported).toMatchObject({
      projectId: target.id,
      source: 'ingest',
      jobId: null,
      state: 'completed',
      settings: null,
      artifact: null,
      imported: {
        workerId: 'render-01',
        artifact: exported.name,
        path: `render-01/${exported.name}/${exported.manifest.fileName}`,
      },
      media: expect.objectContaining({ type: 'compilation', name: exported.manifest.fileName }),
      output: expect.objectContaining({
        durationSeconds: manifest.durationSeconds,
        chapters: manifest.chapters,
        encoder: expect.any(String),
      }),
    });
    // The chapter list as the render showed it, from the manifest.
    const chaptersFile = readFileSync(
      join(ingestRoot, 'render-01', exported.name, 'chapters.txt'),
      'utf8',
    );
    expect(imported.output!.chaptersText).toBe(chaptersFile);
    const chapters = await api<{ text: string }>(
      app.baseUrl,
      API_PATHS.projects.compilationChapters(target.id, imported.id),
      { token: archivistToken },
    );
    expect(chapters.status).toBe(200);

    // Download named after the project, the bytes the worker rendered.
    const download = await fetch(
      `${app.baseUrl}${API_PATHS.projects.compilationDownload(target.id, imported.id)}`,
      { headers: { authorization: `Bearer ${archivistToken}` } },
    );
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toContain('Imported renders.mp4');
    expect(sha256(Buffer.from(await download.arrayBuffer()))).toBe(exported.manifest.sha256);

    // The share page shows it, with its chapters.
    const shared = await api<ProjectSharingDto>(
      app.baseUrl,
      API_PATHS.projects.sharing(target.id),
      {
        token: archivistToken,
        method: 'PUT',
        body: { enabled: true },
      },
    );
    expect(shared.status).toBe(200);
    const page = await api<PublicProjectDto>(
      app.baseUrl,
      API_PATHS.public.project(shared.body.publicId),
    );
    expect(page.status).toBe(200);
    expect(page.body.video).toMatchObject({ durationSeconds: manifest.durationSeconds });
    expect(page.body.chapters).toEqual(manifest.chapters);
    const video = await fetch(`${app.baseUrl}${API_PATHS.public.video(shared.body.publicId)}`);
    expect(video.status).toBe(200);
    expect(sha256(Buffer.from(await video.arrayBuffer()))).toBe(exported.manifest.sha256);

    // Admin → Projects: its last compilation is the import.
    const admin = await app.api<AdminProjectListDto>(
      `${API_PATHS.admin.projects}?q=${encodeURIComponent('Imported renders')}`,
    );
    expect(admin.body.items[0]?.lastCompilation).toMatchObject({
      state: 'completed',
      source: 'ingest',
    });
    // No render time used: an import is not a render.
    const usage = await api<UsageDto>(app.baseUrl, API_PATHS.auth.usage, { token: archivistToken });
    expect(usage.body.render.usedSecondsThisMonth).toBe(0);
  }, 60_000);

  it('imports nothing again after an API restart', async () => {
    await worker?.stop('SIGKILL');
    worker = undefined;
    await app.close({ keepInstance: true });
    app = await startTestApp(env, app.instanceDir);
    const { status, body } = await scan();
    expect(status).toBe(200);
    expect(body.counts).toMatchObject({ imported: 0, failed: 0, skipped: 2 });
    expect((await archivistMedia()).total).toBe(2);
    expect(await archivistCompilations()).toHaveLength(1);
    // The report of the last scan is kept in the database, for every API process.
    const kept = await app.api<IngestStatusDto>(API_PATHS.admin.ingest);
    expect(kept.body.lastScan?.finishedAt).toBe(body.finishedAt);
  }, 60_000);

  it('imports a new artifact once when two API processes scan at the same moment', async () => {
    // A second push of the same render from another worker, marked pushed by its sidecar.
    const copy = join(ingestRoot, 'render-02', exported.name);
    cpSync(join(ingestRoot, 'render-01', exported.name), copy, { recursive: true });
    writeFileSync(join(copy, '.PUSHED'), '{}\n');
    const second = await startTestApp(env, app.instanceDir);
    try {
      const [a, b] = await Promise.all([scan(app), scan(second)]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const importedHere = (result: IngestScanResultDto) =>
        result.artifacts.filter((x) => x.workerId === 'render-02' && x.state === 'imported');
      expect(importedHere(a.body).length + importedHere(b.body).length).toBe(1);
      const other = [...a.body.artifacts, ...b.body.artifacts].filter(
        (x) => x.workerId === 'render-02' && x.state !== 'imported',
      );
      expect(other).toEqual([expect.objectContaining({ reason: 'already imported' })]);
      expect((await archivistMedia()).total).toBe(3);
      // One compilation per import, also here.
      expect(await archivistCompilations()).toHaveLength(2);
    } finally {
      await second.close({ keepInstance: true });
    }
  }, 60_000);

  it('refuses a corrupted copy (sha256 differs from manifest.json) and says why', async () => {
    const copy = join(ingestRoot, 'render-03', exported.name);
    cpSync(join(ingestRoot, 'render-01', exported.name), copy, { recursive: true });
    const file = join(copy, exported.manifest.fileName);
    const bytes = readFileSync(file);
    bytes[bytes.length >> 1] ^= 0xff;
    writeFileSync(file, bytes);
    writeFileSync(join(copy, '.PUSHED'), '{}\n');
    const { body } = await scan();
    const refused = body.artifacts.find((x) => x.workerId === 'render-03');
    expect(refused).toMatchObject({ state: 'failed', mediaId: null, sha256: sha256(bytes) });
    expect(refused!.reason).toBe(
      `sha256 mismatch: manifest.json says ${exported.manifest.sha256}, the file has ` +
        `${sha256(bytes)} (a corrupted copy: not imported)`,
    );
    expect(body.counts.failed).toBe(1);
    expect((await archivistMedia()).total).toBe(3);
    // Reported again on the next scan, never imported.
    expect((await scan()).body.counts).toMatchObject({ imported: 0, failed: 1 });
    expect(await archivistCompilations()).toHaveLength(2);
  }, 60_000);

  it('leaves an artifact without the marker waiting for INGEST_IMPORT_STABLE_SECONDS', async () => {
    const copy = join(ingestRoot, 'render-04', exported.name);
    cpSync(join(ingestRoot, 'render-01', exported.name), copy, { recursive: true });
    rmSync(join(copy, '.PUSHED'));
    const { body } = await scan();
    expect(body.artifacts.find((x) => x.workerId === 'render-04')).toMatchObject({
      state: 'waiting',
      reason: expect.stringMatching(/INGEST_IMPORT_STABLE_SECONDS/),
    });
    rmSync(join(ingestRoot, 'render-04'), { recursive: true });
  }, 60_000);

  it('deleting the project takes its imported compilations along, never imports them again', async () => {
    const target = await archivistProject();
    const deleted = await api(app.baseUrl, API_PATHS.projects.item(target.id), {
      token: archivistToken,
      method: 'DELETE',
    });
    expect(deleted.status).toBeLessThan(300);
    // The media stay in the library (as a rendered compilation's do).
    expect((await archivistMedia()).total).toBe(3);
    const { body } = await scan();
    expect(body.counts).toMatchObject({ imported: 0 });
    // The project is made again (INGEST_IMPORT_CREATE_PROJECT), empty: nothing was imported twice.
    expect(await archivistCompilations()).toHaveLength(0);
  }, 60_000);

  it('is for admins only', async () => {
    const asUser = { token: archivistToken };
    expect((await api(app.baseUrl, API_PATHS.admin.ingest, asUser)).status).toBe(403);
    const post = await api(app.baseUrl, API_PATHS.admin.ingestScan, { method: 'POST', ...asUser });
    expect(post.status).toBe(403);
    expect((await api(app.baseUrl, API_PATHS.admin.ingest)).status).toBe(401);
  });
});
