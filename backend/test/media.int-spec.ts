import { readFileSync, statSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import {
  API_PATHS,
  WORKER_KEY_HEADER,
  type MediaDto,
  type MediaListDto,
  type UserDto,
} from '@clippyfront/shared';
import { workerHeaders } from './support/fake-worker.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { api, createToken, startTestApp, type TestApp } from './support/test-app.js';
import { testMedia, uploadMedia } from './support/test-media.js';
import { filesUnder } from './support/files.js';

const WORKER_API_KEY = 'media-test-worker-key-0123456789';
type ErrorBody = { statusCode: number; message: string | string[] };

/** A GET without fetch's own caching headers (fetch adds Cache-Control: no-cache). */
function plainGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

/**
 * A GET on a connection of its own: fetch reuses pooled keep-alive connections, and one closed
 * by the server at that moment failed a CI run with ECONNRESET.
 */
function freshGet(url: string, headers: Record<string, string>): Promise<Response> {
  return new Promise((resolve, reject) => {
    get(url, { headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const pairs = Object.entries(response.headers).flatMap(([name, value]) =>
          value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]],
        );
        resolve(
          new Response(Buffer.concat(chunks), {
            status: response.statusCode ?? 0,
            headers: pairs as [string, string][],
          }),
        );
      });
    }).on('error', reject);
  });
}

describe('media library (real PostgreSQL, ffmpeg)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let token: string;
  let other: string;

  const upload = (bytes: Buffer, name: string, fields?: Record<string, string>, as = token) =>
    uploadMedia(app.baseUrl, as, bytes, name, fields);
  const stream = (id: string, headers: Record<string, string> = {}, as = token) =>
    freshGet(`${app.baseUrl}${API_PATHS.media.stream(id)}`, {
      authorization: `Bearer ${as}`,
      ...headers,
    });
  /** Media files only: thumbnails arrive by themselves, when their jobs finish. */
  const dataFiles = () =>
    filesUnder(join(app.instanceDir, 'data')).filter((path) => !path.includes('/thumbnails/'));
  const tmpFiles = () => filesUnder(join(app.instanceDir, 'tmp'));

  beforeAll(async () => {
    db = await createTestDatabase('media');
    app = await startTestApp({
      DATABASE_URL: db.url,
      MAX_CONTENT_LENGTH: '2mb',
      WORKER_API_KEY,
    });
    token = app.adminToken;
    for (const name of ['media_user', 'media_other']) {
      await api<UserDto>(app.baseUrl, API_PATHS.auth.register, {
        body: { username: name, email: `${name}@example.com`, password: 'media-password-1' },
      });
    }
    token = await createToken(app.baseUrl, 'media_user', 'media-password-1');
    other = await createToken(app.baseUrl, 'media_other', 'media-password-1');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it.each([
    ['clip.mp4', 'video/mp4', 'clip', { width: 320, height: 240, fps: 25, hasAudio: true }],
    ['clip.webm', 'video/webm', 'clip', { width: 160, height: 120, hasAudio: false }],
    ['clip.mov', 'video/quicktime', 'clip', { width: 176, height: 144 }],
    ['still.png', 'image/png', 'image', { width: 64, height: 48, durationSeconds: null }],
    ['still.jpg', 'image/jpeg', 'image', { width: 80, height: 60, durationSeconds: null }],
  ])('accepts %s as %s with ffprobe metadata', async (name, mime, type, expected) => {
    const bytes = testMedia(name);
    const { status, body } = await upload(bytes, name, { tags: 'Funny, fails ,funny' });
    expect(status).toBe(201);
    expect(body).toMatchObject({
      name,
      mimeType: mime,
      type,
      sizeBytes: bytes.length,
      ...expected,
    });
    expect(body.tags).toEqual(['funny', 'fails']);
    const stored = dataFiles().find((path) => path.endsWith(`/${name}`));
    expect(stored).toBeDefined();
    expect(readFileSync(stored!).equals(bytes)).toBe(true);
    if (type === 'clip') expect(body.durationSeconds).toBeGreaterThan(0.5);
  });

  it('refuses a file that lies about its type, a truncated video and an empty file', async () => {
    const before = dataFiles().length;
    const text = await upload(Buffer.from('just some text, honestly\n'.repeat(50)), 'notes.mp4');
    expect(text.status).toBe(415);
    expect(text.body.message).toMatch(/Only video and image files are accepted/);
    const truncated = await upload(testMedia('clip.mp4').subarray(0, 3000), 'cut.mp4');
    expect(truncated.status).toBe(422);
    expect(truncated.body.message).toMatch(/cannot be decoded/);
    const empty = await upload(Buffer.alloc(0), 'empty.mp4');
    expect(empty.status).toBe(400);
    expect(empty.body.message).toBe('The file is empty');
    const wrongType = await upload(testMedia('still.png'), 'x.png', { type: 'clip' });
    expect(wrongType.status).toBe(400);
    const badType = await upload(testMedia('clip.mp4'), 'x.mp4', { type: 'movie' });
    expect(badType.status).toBe(400);
    for (const tags of [
      '[not json',
      '["ok", 3]',
      'fine, <script>',
      Array(21).fill('t').join(','),
    ]) {
      const badTags = await upload(testMedia('still.png'), 'x.png', { tags });
      expect(badTags.status).toBe(400);
      expect(badTags.body.message).toMatch(/tag/);
    }
    expect(dataFiles()).toHaveLength(before);
    expect(tmpFiles()).toEqual([]);
  });

  it('answers 413 above MAX_CONTENT_LENGTH and leaves nothing on disk', async () => {
    const before = dataFiles().length;
    const big = Buffer.alloc(2_500_000, 7); // over the 2 MiB limit, under Content-Length slack
    const streamed = await upload(big, 'big.mp4');
    expect(streamed.status).toBe(413);
    expect(streamed.body.message).toMatch(/MAX_CONTENT_LENGTH/);
    const declared = await upload(Buffer.alloc(4_000_000, 7), 'bigger.mp4');
    expect(declared.status).toBe(413);
    expect(dataFiles()).toHaveLength(before);
    expect(tmpFiles()).toEqual([]);
  });

  it('sanitizes hostile file names and keeps files inside the user folder', async () => {
    const me = (await api<UserDto>(app.baseUrl, API_PATHS.auth.me, { token })).body;
    const names = ['../../../etc/passwd.png', 'ünïcødé 视频 🎬.png', `${'a'.repeat(300)}.png`];
    for (const name of names) {
      const { status, body } = await upload(testMedia('still.png'), name);
      expect(status).toBe(201);
      expect((body as MediaDto).name.length).toBeLessThanOrEqual(200);
    }
    const mine = dataFiles().filter((path) => path.includes(`/data/${me.id}/images/`));
    expect(mine.some((path) => path.endsWith('/passwd.png'))).toBe(true);
    expect(mine.some((path) => path.includes('ünïcødé 视频'))).toBe(true);
    expect(mine.every((path) => path.split('/').pop()!.length <= 130)).toBe(true);
    expect(filesUnder(join(app.instanceDir, '..')).some((p) => p.endsWith('/etc/passwd.png'))).toBe(
      false,
    );
  });

  it('serves Range requests: first byte, last byte, suffix, beyond the end (416), conditional GET', async () => {
    const bytes = testMedia('clip.mp4');
    const { body } = await upload(bytes, 'range.mp4');
    const id = (body as MediaDto).id;
    const whole = await stream(id);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(Buffer.from(await whole.arrayBuffer()).equals(bytes)).toBe(true);

    const first = await stream(id, { range: 'bytes=0-0' });
    expect(first.status).toBe(206);
    expect(first.headers.get('content-range')).toBe(`bytes 0-0/${bytes.length}`);
    expect(Buffer.from(await first.arrayBuffer())).toEqual(bytes.subarray(0, 1));
    const last = await stream(id, { range: `bytes=${bytes.length - 1}-` });
    expect(last.status).toBe(206);
    expect(Buffer.from(await last.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 1));
    const suffix = await stream(id, { range: 'bytes=-100' });
    expect(Buffer.from(await suffix.arrayBuffer())).toEqual(bytes.subarray(bytes.length - 100));
    const beyond = await stream(id, { range: `bytes=${bytes.length}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${bytes.length}`);

    const url = `${app.baseUrl}${API_PATHS.media.stream(id)}`;
    const auth = { authorization: `Bearer ${token}` };
    const etag = whole.headers.get('etag')!;
    expect(await plainGet(url, { ...auth, 'if-none-match': etag })).toBe(304);
    expect(await plainGet(url, { ...auth, 'if-none-match': '"other"' })).toBe(200);
    const modified = whole.headers.get('last-modified')!;
    expect(await plainGet(url, { ...auth, 'if-modified-since': modified })).toBe(304);
  });

  it("hides a user's media from other users (404 everywhere)", async () => {
    const { body } = await upload(testMedia('still.png'), 'private.png');
    const id = (body as MediaDto).id;
    const as = { token: other };
    expect((await api(app.baseUrl, API_PATHS.media.item(id), as)).status).toBe(404);
    expect((await stream(id, {}, other)).status).toBe(404);
    expect(
      (
        await api(app.baseUrl, API_PATHS.media.item(id), {
          ...as,
          method: 'PATCH',
          body: { name: 'x' },
        })
      ).status,
    ).toBe(404);
    expect(
      (await api(app.baseUrl, API_PATHS.media.item(id), { ...as, method: 'DELETE' })).status,
    ).toBe(404);
    const bulk = await api(app.baseUrl, API_PATHS.media.bulk, {
      ...as,
      body: { ids: [id], action: 'delete' },
    });
    expect(bulk.status).toBe(404);
    const list = await api<MediaListDto>(app.baseUrl, API_PATHS.media.list, as);
    expect(list.body.items.map((m) => m.id)).not.toContain(id);
    expect((await api(app.baseUrl, API_PATHS.media.item(id), { token })).status).toBe(200);
    expect((await api(app.baseUrl, API_PATHS.media.list)).status).toBe(401);
  });

  it('lists with filters, search, sort and pagination; edits name, type and tags', async () => {
    const list = (query: string) =>
      api<MediaListDto>(app.baseUrl, `${API_PATHS.media.list}?${query}`, { token });
    const images = await list('type=image&limit=2&sort=name');
    expect(images.body.items).toHaveLength(2);
    expect(images.body.total).toBeGreaterThan(2);
    expect(images.body.items.every((m) => m.type === 'image')).toBe(true);
    const funny = await list('tag=funny');
    expect(funny.body.items.length).toBeGreaterThan(0);
    expect(funny.body.items.every((m) => m.tags.includes('funny'))).toBe(true);
    const search = await list('q=range');
    expect(search.body.items.map((m) => m.name)).toEqual(['range.mp4']);
    expect((await list('sort=sideways')).status).toBe(400);

    const clip = search.body.items[0]!;
    const edited = await api<MediaDto>(app.baseUrl, API_PATHS.media.item(clip.id), {
      token,
      method: 'PATCH',
      body: { name: 'My intro', type: 'intro', tags: ['Opening'] },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ name: 'My intro', type: 'intro', tags: ['opening'] });
    expect(dataFiles().some((path) => path.includes('/intros/range.mp4'))).toBe(true);
    const played = await stream(clip.id);
    expect(played.status).toBe(200);
    const toImage = await api<ErrorBody>(app.baseUrl, API_PATHS.media.item(clip.id), {
      token,
      method: 'PATCH',
      body: { type: 'image' },
    });
    expect(toImage.status).toBe(400);
    const nullName = await api(app.baseUrl, API_PATHS.media.item(clip.id), {
      token,
      method: 'PATCH',
      body: { name: null },
    });
    expect(nullName.status).toBe(400);
  });

  it('applies bulk actions to the caller’s media only', async () => {
    const ids: string[] = [];
    for (const name of ['b1.png', 'b2.png']) {
      ids.push(((await upload(testMedia('still.png'), name)).body as MediaDto).id);
    }
    const bulk = (body: unknown) =>
      api<{ affected: number }>(app.baseUrl, API_PATHS.media.bulk, { token, body });
    expect((await bulk({ ids, action: 'setTags', tags: ['a'] })).body.affected).toBe(2);
    expect((await bulk({ ids, action: 'addTags', tags: ['b', 'A'] })).body.affected).toBe(2);
    const one = await api<MediaDto>(app.baseUrl, API_PATHS.media.item(ids[0]!), { token });
    expect(one.body.tags).toEqual(['a', 'b']);
    expect((await bulk({ ids, action: 'setType', type: 'clip' })).status).toBe(400);
    expect((await bulk({ ids, action: 'setType' })).status).toBe(400);
    expect((await bulk({ ids: [], action: 'delete' })).status).toBe(400);
    expect((await bulk({ ids, action: 'explode' })).status).toBe(400);
    const before = dataFiles().length;
    expect((await bulk({ ids, action: 'delete' })).body.affected).toBe(2);
    expect(dataFiles()).toHaveLength(before - 2);
    expect((await api(app.baseUrl, API_PATHS.media.item(ids[0]!), { token })).status).toBe(404);
  });

  it('gives workers the raw file only with their worker token, with Range', async () => {
    const bytes = testMedia('clip.mp4');
    const id = ((await upload(bytes, 'raw.mp4')).body as MediaDto).id;
    const url = `${app.baseUrl}${API_PATHS.media.raw(id)}`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    // WORKER_API_KEY only registers a worker.
    expect((await fetch(url, { headers: { [WORKER_KEY_HEADER]: WORKER_API_KEY } })).status).toBe(
      401,
    );
    const worker = await workerHeaders(app.baseUrl, WORKER_API_KEY);
    const ok = await fetch(url, { headers: worker });
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(bytes)).toBe(true);
    const part = await fetch(url, {
      headers: { ...worker, range: 'bytes=10-19' },
    });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(10, 20));
  });

  it('deleting media removes its file', async () => {
    const id = ((await upload(testMedia('still.jpg'), 'gone.jpg')).body as MediaDto).id;
    const path = dataFiles().find((p) => p.endsWith('/gone.jpg'))!;
    expect(statSync(path).size).toBeGreaterThan(0);
    expect(
      (await api(app.baseUrl, API_PATHS.media.item(id), { token, method: 'DELETE' })).status,
    ).toBe(204);
    expect(dataFiles()).not.toContain(path);
  });
});
