import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import {
  API_PATHS,
  JOB_TOKEN_HEADER,
  WORKER_KEY_HEADER,
  type ClaimJobResponse,
  type JobDto,
  type JobListDto,
  type MediaDto,
  type MediaUsageDto,
  type UserDto,
} from '@clippyfront/shared';
import { registerWorker } from './support/fake-worker.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { api, createToken, startTestApp, waitFor, type TestApp } from './support/test-app.js';
import { testMedia, uploadMedia } from './support/test-media.js';
import { startWorkerProcess, type WorkerProcess, workerEnv } from './support/worker-process.js';

const WORKER_API_KEY = 'thumbnail-test-worker-key-0123456789';
const scratch = mkdtempSync(join(tmpdir(), 'clippyfront-thumbs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Width and height of an image, as ffprobe reads it. */
function imageSize(bytes: Buffer): { width: number; height: number } {
  const path = join(scratch, `${Math.random().toString(36).slice(2)}.jpg`);
  writeFileSync(path, bytes);
  const out = execFileSync('ffprobe', [
    '-v',
    'error',
    '-select_streams',
    'v:0',
    '-show_entries',
    'stream=width,height',
    '-of',
    'json',
    path,
  ]).toString();
  const stream = (JSON.parse(out) as { streams: { width: number; height: number }[] }).streams[0]!;
  return { width: stream.width, height: stream.height };
}

async function registerUser(baseUrl: string, name: string): Promise<string> {
  await api<UserDto>(baseUrl, API_PATHS.auth.register, {
    body: { username: name, email: `${name}@example.com`, password: 'thumbs-password-1' },
  });
  return createToken(baseUrl, name, 'thumbs-password-1');
}

function helpers(app: () => TestApp, token: () => string) {
  const upload = async (name: string) => {
    const { status, body } = await uploadMedia(app().baseUrl, token(), testMedia(name), name);
    expect(status).toBe(201);
    return body as MediaDto;
  };
  const media = async (id: string) =>
    (await api<MediaDto>(app().baseUrl, API_PATHS.media.item(id), { token: token() })).body;
  const thumbnail = (id: string, as = token()) =>
    fetch(`${app().baseUrl}${API_PATHS.media.thumbnail(id)}`, {
      headers: { authorization: `Bearer ${as}` },
    });
  const whenThumbnailed = (id: string) =>
    waitFor(`a thumbnail for ${id}`, async () =>
      (await media(id)).hasThumbnail ? true : undefined,
    );
  const thumbnailJob = async (mediaId: string) => {
    const { body } = await api<JobListDto>(app().baseUrl, `${API_PATHS.jobs}?kind=thumbnail`, {
      token: token(),
    });
    return body.items.find((job) => (job.payload as { mediaId: string }).mediaId === mediaId);
  };
  return { upload, media, thumbnail, whenThumbnailed, thumbnailJob };
}

describe('thumbnails made by in-process jobs (real PostgreSQL, ffmpeg)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let token: string;
  let other: string;
  const { upload, media, thumbnail, whenThumbnailed, thumbnailJob } = helpers(
    () => app,
    () => token,
  );

  beforeAll(async () => {
    db = await createTestDatabase('thumbs');
    app = await startTestApp({
      DATABASE_URL: db.url,
      WORKER_API_KEY,
      MEDIA_PATH_ALIAS_FROM: '/srv/legacy/instance',
      MEDIA_PATH_ALIAS_TO: '/instance',
    });
    token = await registerUser(app.baseUrl, 'thumbs_user');
    other = await registerUser(app.baseUrl, 'thumbs_other');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('gives a video a JPEG frame at its own size when it is small', async () => {
    const clip = await upload('clip.mp4');
    expect((await thumbnail(clip.id, other)).status).toBe(404);
    await whenThumbnailed(clip.id);
    const response = await thumbnail(clip.id);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    expect(imageSize(Buffer.from(await response.arrayBuffer()))).toEqual({
      width: 320,
      height: 240,
    });
    const job = (await thumbnailJob(clip.id)) as JobDto;
    expect(job).toMatchObject({ state: 'completed', result: { width: 320, height: 240 } });
    expect((await thumbnail(clip.id, other)).status).toBe(404);
  });

  it('downscales a large image into the 480 px box, keeping its shape', async () => {
    const image = await upload('wide.png');
    await whenThumbnailed(image.id);
    const bytes = Buffer.from(await (await thumbnail(image.id)).arrayBuffer());
    expect(imageSize(bytes)).toEqual({ width: 480, height: 270 });
  });

  it('removes the thumbnail with its media', async () => {
    const image = await upload('still.jpg');
    await whenThumbnailed(image.id);
    const me = (await api<UserDto>(app.baseUrl, API_PATHS.auth.me, { token })).body;
    const file = join(app.instanceDir, 'data', me.id, 'thumbnails', `${image.id}.jpg`);
    expect(existsSync(file)).toBe(true);
    const deleted = await api(app.baseUrl, API_PATHS.media.item(image.id), {
      token,
      method: 'DELETE',
    });
    expect(deleted.status).toBe(204);
    expect(existsSync(file)).toBe(false);
  });

  it('reports each user’s storage usage', async () => {
    const usage = async (as: string) =>
      (await api<MediaUsageDto>(app.baseUrl, API_PATHS.media.usage, { token: as })).body;
    const before = await usage(other);
    // No STORAGE_QUOTA here: the quota is the default (Free) tier's 1 GB.
    const quotaBytes = 1024 ** 3;
    expect(before).toEqual({ usedBytes: 0, count: 0, quotaBytes });
    const png = testMedia('still.png');
    const { body } = await uploadMedia(app.baseUrl, other, png, 'u.png');
    expect(await usage(other)).toEqual({ usedBytes: png.length, count: 1, quotaBytes });
    const mine = await usage(token);
    expect(mine.count).toBeGreaterThanOrEqual(2);
    await api(app.baseUrl, API_PATHS.media.item((body as MediaDto).id), {
      token: other,
      method: 'DELETE',
    });
    expect(await usage(other)).toEqual(before);
  });

  it('reads legacy absolute paths through MEDIA_PATH_ALIAS_FROM/TO', async () => {
    const clip = await upload('clip.webm');
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ path: string }>(
        'SELECT path FROM media WHERE id = $1',
        [clip.id],
      );
      expect(rows[0]!.path).toMatch(/^\/instance\/data\//);
      const legacy = rows[0]!.path.replace(/^\/instance/, '/srv/legacy/instance');
      await client.query('UPDATE media SET path = $2 WHERE id = $1', [clip.id, legacy]);
    } finally {
      await client.end();
    }
    const response = await fetch(`${app.baseUrl}${API_PATHS.media.stream(clip.id)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(testMedia('clip.webm'))).toBe(true);
    expect((await media(clip.id)).id).toBe(clip.id);
  });
});

describe('thumbnails made by a worker process through the API (Bull + Redis)', () => {
  const redis = createRedisPrefix('thumbs');
  let db: TestDatabase;
  let app: TestApp;
  let token: string;
  let worker: WorkerProcess | undefined;
  const { upload, media, whenThumbnailed, thumbnailJob } = helpers(
    () => app,
    () => token,
  );
  const workerPost = (jobId: string, body: Uint8Array | string, headers: Record<string, string>) =>
    fetch(`${app.baseUrl}${API_PATHS.worker.thumbnail(jobId)}`, {
      method: 'POST',
      headers: { 'content-type': 'image/jpeg', ...headers },
      body,
    });

  beforeAll(async () => {
    db = await createTestDatabase('thumbs_bull');
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
    });
    token = await registerUser(app.baseUrl, 'thumbs_bull');
  });

  afterAll(async () => {
    await worker?.stop('SIGKILL');
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
  });

  it('accepts a thumbnail only from the current claim, as a JPEG', async () => {
    const clip = await upload('clip.mp4');
    const job = await waitFor('the queued thumbnail job', () => thumbnailJob(clip.id));
    const { workerId, token } = await registerWorker(app.baseUrl, WORKER_API_KEY, 'test-as-worker');
    const key = { [WORKER_KEY_HEADER]: token };
    const jpeg = new Uint8Array(testMedia('still.jpg'));

    expect((await workerPost(job.id, jpeg, { [JOB_TOKEN_HEADER]: 'x' })).status).toBe(401);
    const unclaimed = await workerPost(job.id, jpeg, { ...key, [JOB_TOKEN_HEADER]: 'x' });
    expect(unclaimed.status).toBe(409);
    const unknown = await workerPost('7f1c1f3e-3b1a-4c55-9a4e-2d0d1f6a9b10', jpeg, {
      ...key,
      [JOB_TOKEN_HEADER]: 'x',
    });
    expect(unknown.status).toBe(404);

    const claim = await api<ClaimJobResponse>(app.baseUrl, API_PATHS.worker.claim(job.id), {
      body: { workerId },
      headers: key,
    });
    expect(claim.status).toBe(200);
    const claimed = { ...key, [JOB_TOKEN_HEADER]: claim.body.token };
    const text = await workerPost(job.id, 'not an image at all, just text', claimed);
    expect(text.status).toBe(415);
    expect(((await text.json()) as { message: string }).message).toMatch(/JPEG/);
    const huge = await workerPost(job.id, new Uint8Array(6 * 1024 * 1024), claimed);
    expect(huge.status).toBe(413);
    expect((await media(clip.id)).hasThumbnail).toBe(false);

    expect((await workerPost(job.id, jpeg, claimed)).status).toBe(204);
    expect((await media(clip.id)).hasThumbnail).toBe(true);
  });

  it('a worker reads the video over HTTP and sends its thumbnail back', async () => {
    worker = startWorkerProcess({
      ...workerEnv(app.baseUrl, WORKER_API_KEY, redis.prefix),
      WORKER_NAME: 'thumbs-worker',
    });
    const clip = await upload('clip.mov');
    await whenThumbnailed(clip.id).catch((error: Error) => {
      throw new Error(`${error.message}\nworker output:\n${worker?.output()}`);
    });
    const job = (await thumbnailJob(clip.id)) as JobDto;
    expect(job.state).toBe('completed');
    expect(job.workerId).not.toMatch(/^embedded-/);
    expect(job.result).toMatchObject({ width: 176, height: 144 });
  });
});
