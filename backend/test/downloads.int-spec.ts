import { lookup } from 'node:dns/promises';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PATHS, type JobDto } from '@clippyfront/shared';
import { workerHeaders } from './support/fake-worker.js';
import { clipsClient, registerUsers } from './support/clips-client.js';
import { avatarPng, FakeTwitch } from './support/fake-twitch.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { testMedia } from './support/test-media.js';
import { startWorkerProcess, type WorkerProcess, workerEnv } from './support/worker-process.js';

const WORKER_API_KEY = 'downloads-test-worker-key-0123456789';

/**
 * A stand-in for a clip host on 127.0.0.1. `/hold/*` sends the headers and the first bytes of
 * the clip, then waits until `release()`; `/page` is HTML; anything unknown is a 404.
 */
class ClipHost {
  readonly hits: string[] = [];
  readonly closedEarly: string[] = [];
  private held: (() => void)[] = [];
  private holding = true;

  private constructor(private readonly server: Server) {}

  static async start(): Promise<ClipHost> {
    const server = createServer();
    const host = new ClipHost(server);
    server.on('request', (request, response) => host.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return host;
  }

  url(path: string, name = '127.0.0.1'): string {
    return `http://${name}:${(this.server.address() as AddressInfo).port}${path}`;
  }

  /** Held requests go on, and later ones are served at once. */
  release(): void {
    this.holding = false;
    for (const go of this.held.splice(0)) go();
  }

  hold(): void {
    this.holding = true;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const path = request.url ?? '/';
    this.hits.push(path);
    response.on('close', () => {
      if (!response.writableFinished) this.closedEarly.push(path);
    });
    if (path === '/page') {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end('<!doctype html><html><body>Clip not found</body></html>');
      return;
    }
    if (!path.startsWith('/hold/') && !path.startsWith('/clip/')) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('no such clip');
      return;
    }
    const bytes = testMedia('clip.mp4');
    response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': bytes.length });
    if (!path.startsWith('/hold/') || !this.holding) {
      response.end(bytes);
      return;
    }
    const head = 4096;
    response.write(bytes.subarray(0, head));
    this.held.push(() => {
      if (!response.destroyed) response.end(bytes.subarray(head));
    });
  }
}

describe('clip downloads on worker processes (Bull + Redis, real PostgreSQL, ffmpeg)', () => {
  const redis = createRedisPrefix('downloads');
  let db: TestDatabase;
  let app: TestApp;
  let host: ClipHost;
  let twitch: FakeTwitch;
  let token: string;
  const workers: WorkerProcess[] = [];
  const artifacts = mkdtempSync(join(tmpdir(), 'clippyfront-artifacts-'));
  const me = clipsClient(
    () => app,
    () => token,
  );
  const startWorker = (name: string) => {
    const worker = startWorkerProcess({
      ...workerEnv(app.baseUrl, WORKER_API_KEY, redis.prefix),
      WORKER_NAME: name,
      WORKER_HEARTBEAT_SECONDS: '1',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
      ARTIFACTS_DIR: artifacts,
    });
    workers.push(worker);
    return worker;
  };
  const clipWhen = (projectId: string, clipId: string, states: string[]) =>
    waitFor(`clip ${clipId} to be ${states.join('/')}`, async () => {
      const clip = await me.clip(projectId, clipId);
      return clip && states.includes(clip.state) ? clip : undefined;
    });
  const jobWhen = (jobId: string, check: (job: JobDto) => boolean) =>
    waitFor(`job ${jobId}`, async () => {
      const job = await me.job(jobId);
      return check(job) ? job : undefined;
    });

  beforeAll(async () => {
    db = await createTestDatabase('downloads');
    host = await ClipHost.start();
    twitch = await FakeTwitch.start();
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
      JOB_STALL_SECONDS: '5',
      ALLOW_EXTERNAL_URLS: 'true',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
      ...twitch.env(),
    });
    [token] = await registerUsers(app, 'downloader');
  });

  afterAll(async () => {
    await Promise.all(workers.map((worker) => worker.stop('SIGKILL')));
    await app?.close();
    await host?.close();
    await twitch?.close();
    await db?.drop();
    await redis.deleteKeys();
    rmSync(artifacts, { recursive: true, force: true });
  });

  it('fills Twitch metadata and the creator avatar from Helix while the clip waits', async () => {
    twitch.clips.set('BraveClip-x1', {
      id: 'BraveClip-x1',
      title: 'What a play',
      creator_name: 'ClipperOne',
      creator_id: '1001',
      broadcaster_name: 'Streamer',
      game_id: '509658',
      duration: 27.5,
      view_count: 1234,
      created_at: '2026-11-01T12:00:00Z',
      thumbnail_url: 'https://clips-media-assets2.twitch.tv/x-preview-480x272.jpg',
    });
    twitch.games.set('509658', 'Just Chatting');
    twitch.users.set('1001', {
      id: '1001',
      login: 'clipperone',
      display_name: 'ClipperOne',
      profile_image_url: twitch.serveImage('clipper.png', avatarPng('blue')),
    });
    const project = await me.project('Twitch');
    const [clip] = await me.addOk(project, 'https://www.twitch.tv/streamer/clip/BraveClip-x1');
    expect(clip).toMatchObject({ source: 'twitch', state: 'queued' });
    const filled = await waitFor('Twitch metadata', async () => {
      const current = await me.clip(project, clip!.id);
      return current?.hasAvatar ? current : undefined;
    });
    expect(filled).toMatchObject({
      title: 'What a play',
      creatorName: 'ClipperOne',
      broadcasterName: 'Streamer',
      gameName: 'Just Chatting',
      durationSeconds: 27.5,
      viewCount: 1234,
      clipCreatedAt: '2026-11-01T12:00:00.000Z',
    });
    const owner = await fetch(`${app.baseUrl}${API_PATHS.clips.avatar(clip!.id)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(owner.status).toBe(200);
    const forWorker = await fetch(`${app.baseUrl}${API_PATHS.avatarByClip(clip!.id)}`, {
      headers: await workerHeaders(app.baseUrl, WORKER_API_KEY),
    });
    expect(Buffer.from(await forWorker.arrayBuffer()).equals(avatarPng('blue'))).toBe(true);
    // No Twitch from here: the download itself is not for this machine.
    await me.call(API_PATHS.jobCancel(clip!.jobId!), { body: {} });
  });

  it('a download cut off by a killed worker is finished by another worker', async () => {
    host.hold();
    const project = await me.project('Killed');
    const [clip] = await me.addOk(project, host.url('/hold/first.mp4'));
    const first = startWorker('doomed-worker');
    await waitFor('the first worker to start downloading', async () =>
      host.hits.includes('/hold/first.mp4') ? true : undefined,
    );
    const environ = readFileSync(`/proc/${first.child.pid}/environ`, 'utf8').split('\0');
    expect(environ.some((line) => line.startsWith('DATABASE_URL='))).toBe(false);
    first.child.kill('SIGKILL');
    await first.exited;

    host.release();
    startWorker('rescue-worker');
    const ready = await clipWhen(project, clip!.id, ['ready', 'failed']);
    expect(ready.state).toBe('ready');
    // The clip is ready once its file is in; the job then exports the artifact and completes.
    const job = await jobWhen(clip!.jobId!, (current) => current.state !== 'running');
    expect(job).toMatchObject({ state: 'completed', attempts: 2 });
    expect(job.log.join('\n')).toMatch(/stopped reporting/);
    expect(host.hits.filter((hit) => hit === '/hold/first.mp4')).toHaveLength(2);
    expect((await me.media(ready.mediaId!)).body).toMatchObject({ type: 'clip', width: 320 });
    const [exported] = readdirSync(artifacts).filter((name) =>
      name.startsWith(`clip_${clip!.id}_`),
    );
    expect(readdirSync(join(artifacts, exported!)).sort()).toEqual(
      ['.DONE', 'first.mp4', 'manifest.json', 'thumbnail.jpg'].sort(),
    );
    const manifest = JSON.parse(readFileSync(join(artifacts, exported!, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ kind: 'clip', clipId: clip!.id, mediaId: ready.mediaId });
    await waitFor('the clip thumbnail', async () =>
      (await me.clip(project, clip!.id))?.hasThumbnail ? true : undefined,
    );
  });

  it('reuses the download in another project without fetching again', async () => {
    const before = host.hits.length;
    const project = await me.project('Again');
    const [again] = await me.addOk(project, host.url('/hold/first.mp4'));
    expect(again).toMatchObject({ state: 'ready', reused: true });
    expect(host.hits).toHaveLength(before);
  });

  it('fails a clip whose URL is an HTML page or a 404, with the reason', async () => {
    const project = await me.project('Broken');
    const [page, missing] = await me.addOk(project, host.url('/page'), host.url('/gone.mp4'));
    const failedPage = await clipWhen(project, page!.id, ['failed', 'ready']);
    expect(failedPage.error).toMatch(/HTML page, not a video/);
    const failedMissing = await clipWhen(project, missing!.id, ['failed', 'ready']);
    expect(failedMissing.error).toMatch(/404/);
  });

  it('cancelling a download stops it on the worker', async () => {
    host.hold();
    const project = await me.project('Cancelled');
    const [clip] = await me.addOk(project, host.url('/hold/cancel-me.mp4'));
    await jobWhen(clip!.jobId!, (job) => job.state === 'running');
    await waitFor('the download to start', async () =>
      host.hits.includes('/hold/cancel-me.mp4') ? true : undefined,
    );
    expect((await me.call(API_PATHS.jobCancel(clip!.jobId!), { body: {} })).status).toBe(200);
    await waitFor('the worker to drop the connection', async () =>
      host.closedEarly.includes('/hold/cancel-me.mp4') ? true : undefined,
    );
    const failed = await clipWhen(project, clip!.id, ['failed']);
    expect(failed.error).toMatch(/[Cc]ancel/);
    host.release();
  });
});

describe('downloads refuse private networks by default (in-process)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let host: ClipHost;
  let token: string;
  const me = clipsClient(
    () => app,
    () => token,
  );

  beforeAll(async () => {
    db = await createTestDatabase('downloads_ssrf');
    host = await ClipHost.start();
    app = await startTestApp({ DATABASE_URL: db.url, ALLOW_EXTERNAL_URLS: 'true' });
    [token] = await registerUsers(app, 'ssrf_tester');
  });

  afterAll(async () => {
    await app?.close();
    await host?.close();
    await db?.drop();
  });

  it('refuses private addresses in the URL itself', async () => {
    const project = await me.project('SSRF');
    const { status, body } = await me.add(project, [
      host.url('/clip/a.mp4'),
      'http://10.1.2.3/clip.mp4',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::1]:8080/clip.mp4',
      host.url('/clip/b.mp4', 'localhost'),
    ]);
    expect(status).toBe(400);
    expect(body.rejected.map((r) => r.reason)).toEqual(Array(5).fill('unsupported-source'));
    expect(body.rejected[0]!.message).toMatch(/private network/);
    expect(host.hits).toEqual([]);
  });

  it('refuses, at download time, a name that resolves to a private address', async () => {
    const name = hostname();
    expect((await lookup(name)).address).toMatch(/^(127\.|10\.|192\.168\.|172\.)/);
    const project = await me.project('SSRF by DNS');
    const [clip] = await me.addOk(project, host.url('/clip/c.mp4', name));
    const failed = await waitFor('the download to fail', async () => {
      const current = await me.clip(project, clip!.id);
      return current && current.state !== 'queued' && current.state !== 'downloading'
        ? current
        : undefined;
    });
    expect(failed.state).toBe('failed');
    expect(failed.error).toMatch(/Refusing to connect to a private network address/);
    expect(host.hits).toEqual([]);
  });
});
