import { get } from 'node:http';
import { DataSource } from 'typeorm';
import {
  API_PATHS,
  PUBLIC_ID_PATTERN,
  type ProjectSharingDto,
  type PublicProjectDto,
} from '@clippyfront/shared';
import { clipsClient, registerUsers } from './support/clips-client.js';
import { finishedCompilation } from './support/fake-compile.js';
import { FakeWorker } from './support/fake-worker.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { createRedisPrefix, TEST_REDIS_URL } from './support/test-redis.js';
import { api, startTestApp, type TestApp } from './support/test-app.js';

const WORKER_API_KEY = 'share-test-worker-key-0123456789';

/** A GET with exactly these headers (fetch adds its own cache headers to conditional ones). */
function plainGet(url: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    get(url, { headers }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    }).on('error', reject);
  });
}

describe('share pages (/p/<publicId>)', () => {
  const redis = createRedisPrefix('share');
  let db: TestDatabase;
  let app: TestApp;
  let owner: string;
  let other: string;
  let worker: FakeWorker;
  const me = clipsClient(
    () => app,
    () => owner,
  );
  const them = clipsClient(
    () => app,
    () => other,
  );
  /** A request without any login. */
  const anonymous = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${app.baseUrl}${path}`, { headers });

  beforeAll(async () => {
    db = await createTestDatabase('share');
    app = await startTestApp({
      DATABASE_URL: db.url,
      REDIS_URL: TEST_REDIS_URL,
      QUEUE_PREFIX: redis.prefix,
      WORKER_API_KEY,
    });
    [owner, other] = await registerUsers(app, 'sharer', 'stranger');
    worker = await FakeWorker.register(app.baseUrl, WORKER_API_KEY, 'share-worker');
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    await redis.deleteKeys();
  });

  const sharing = (projectId: string, token = owner) =>
    api<ProjectSharingDto>(app.baseUrl, API_PATHS.projects.sharing(projectId), { token });
  const setSharing = (projectId: string, enabled: unknown, token = owner) =>
    api<ProjectSharingDto & { message: string | string[] }>(
      app.baseUrl,
      API_PATHS.projects.sharing(projectId),
      { token, method: 'PUT', body: { enabled } },
    );

  it('gives every project its own opaque 128-bit id, sharing off', async () => {
    const ids = [];
    for (const name of ['One', 'Two', 'Three']) {
      const { status, body } = await sharing(await me.project(name));
      expect(status).toBe(200);
      expect(body.enabled).toBe(false);
      expect(body.publicId).toMatch(PUBLIC_ID_PATTERN);
      expect(body.path).toBe(`/p/${body.publicId}`);
      ids.push(body.publicId);
    }
    expect(new Set(ids).size).toBe(3);
  });

  it('a row inserted without an id gets one of the same shape from the database', async () => {
    const data = app.running.app.get(DataSource);
    const [user] = (await data.query(`SELECT id FROM users WHERE username = 'sharer'`)) as {
      id: string;
    }[];
    const rows = (await data.query(
      `INSERT INTO projects (owner_id, name, output) VALUES ($1, 'raw', '{}'), ($1, 'raw2', '{}')
       RETURNING public_id, sharing_enabled`,
      [user!.id],
    )) as { public_id: string; sharing_enabled: boolean }[];
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.public_id).toMatch(PUBLIC_ID_PATTERN);
      expect(Buffer.from(row.public_id, 'base64url')).toHaveLength(16);
      expect(row.sharing_enabled).toBe(false);
    }
    expect(rows[0]!.public_id).not.toBe(rows[1]!.public_id);
  });

  it('shows the page only while sharing is on, and the same 404 for off, unknown and old ids', async () => {
    const { projectId, bytes } = await finishedCompilation(me, worker, 'Café "Best" of');
    const { body: initial } = await sharing(projectId);
    const page = API_PATHS.public.project(initial.publicId);

    // Off: 404 to visitors (and to another user), but the owner sees it.
    const off = await anonymous(page);
    expect(off.status).toBe(404);
    expect(off.headers.get('x-robots-tag')).toBe('noindex');
    const offBody = await off.text();
    const asOther = await api(app.baseUrl, page, { token: other });
    expect(asOther.status).toBe(404);
    const ownView = await api<PublicProjectDto>(app.baseUrl, page, { token: owner });
    expect(ownView.status).toBe(200);
    expect(ownView.body.title).toBe('Café "Best" of');

    const unknown = await anonymous(API_PATHS.public.project('AAAAAAAAAAAAAAAAAAAAAA'));
    const malformed = await anonymous(API_PATHS.public.project('..%2F..%2Fetc'));
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(await unknown.text()).toBe(offBody);
    expect(await malformed.text()).toBe(offBody);
    expect(JSON.parse(offBody)).toEqual({ statusCode: 404, message: 'Not found' });
    for (const path of [
      API_PATHS.public.video(initial.publicId),
      API_PATHS.public.download(initial.publicId),
      API_PATHS.public.thumbnail(initial.publicId),
    ]) {
      const response = await anonymous(path);
      expect(response.status).toBe(404);
      expect(await response.text()).toBe(offBody);
    }

    // On: title, video, chapters — nothing else about the project or its owner.
    const on = await setSharing(projectId, true);
    expect(on.status).toBe(200);
    expect(on.body).toEqual({ enabled: true, publicId: initial.publicId, path: initial.path });
    const shown = await anonymous(page);
    expect(shown.status).toBe(200);
    expect(shown.headers.get('x-robots-tag')).toBe('noindex');
    const dto = (await shown.json()) as PublicProjectDto;
    expect(Object.keys(dto).sort()).toEqual(
      ['chapters', 'chaptersText', 'publicId', 'title', 'video'].sort(),
    );
    expect(dto).toMatchObject({
      publicId: initial.publicId,
      title: 'Café "Best" of',
      chapters: [
        { startSeconds: 0, title: 'Intro' },
        { startSeconds: 1, title: 'Red — tester' },
      ],
      chaptersText: '00:00 Intro\n00:01 Red — tester\n',
      video: {
        mimeType: 'video/mp4',
        sizeBytes: bytes.length,
        width: 1920,
        height: 1080,
        durationSeconds: 2,
        streamUrl: API_PATHS.public.video(initial.publicId),
        downloadUrl: API_PATHS.public.download(initial.publicId),
      },
    });
    const text = JSON.stringify(dto);
    for (const secret of ['sharer', 'example.com', projectId]) expect(text).not.toContain(secret);

    // The stream: Range and conditional GET, like media files; noindex.
    const ranged = await anonymous(dto.video!.streamUrl, { range: 'bytes=0-99' });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 0-99/${bytes.length}`);
    expect(ranged.headers.get('x-robots-tag')).toBe('noindex');
    expect(Buffer.from(await ranged.arrayBuffer())).toEqual(bytes.subarray(0, 100));
    const full = await anonymous(dto.video!.streamUrl);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-disposition')).toBeNull();
    const etag = full.headers.get('etag')!;
    expect(Buffer.from(await full.arrayBuffer())).toEqual(bytes);
    const streamUrl = `${app.baseUrl}${dto.video!.streamUrl}`;
    expect(await plainGet(streamUrl, { 'if-none-match': etag })).toBe(304);
    expect(await plainGet(streamUrl, { 'if-none-match': '"other"' })).toBe(200);
    const modified = full.headers.get('last-modified')!;
    expect(await plainGet(streamUrl, { 'if-modified-since': modified })).toBe(304);
    const beyond = await anonymous(dto.video!.streamUrl, { range: `bytes=${bytes.length + 10}-` });
    expect(beyond.status).toBe(416);

    // The download: named after the project, UTF-8 with an ASCII fallback.
    const download = await anonymous(dto.video!.downloadUrl);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="Caf_ _Best_ of.mp4"; filename*=UTF-8''Caf%C3%A9%20_Best_%20of.mp4`,
    );
    await download.arrayBuffer();

    // Regenerate: the old link dies with the same 404, the new one works.
    const regenerated = await api<ProjectSharingDto>(
      app.baseUrl,
      API_PATHS.projects.sharingRegenerate(projectId),
      { token: owner, method: 'POST' },
    );
    expect(regenerated.status).toBe(200);
    expect(regenerated.body.publicId).toMatch(PUBLIC_ID_PATTERN);
    expect(regenerated.body.publicId).not.toBe(initial.publicId);
    expect(regenerated.body.enabled).toBe(true);
    const old = await anonymous(page);
    expect(old.status).toBe(404);
    expect(await old.text()).toBe(offBody);
    const oldVideo = await anonymous(API_PATHS.public.video(initial.publicId));
    expect(oldVideo.status).toBe(404);
    await oldVideo.text();
    const fresh = await anonymous(API_PATHS.public.project(regenerated.body.publicId));
    expect(fresh.status).toBe(200);
    await fresh.text();

    // Off again: gone for visitors.
    expect((await setSharing(projectId, false)).body.enabled).toBe(false);
    const gone = await anonymous(API_PATHS.public.video(regenerated.body.publicId));
    expect(gone.status).toBe(404);
    expect(await gone.text()).toBe(offBody);
  });

  it('another user cannot see, toggle or regenerate the sharing (404); bad bodies name the field', async () => {
    const projectId = await me.project('Mine only');
    expect((await sharing(projectId, other)).status).toBe(404);
    const toggled = await setSharing(projectId, true, other);
    expect(toggled.status).toBe(404);
    const regenerated = await them.call(API_PATHS.projects.sharingRegenerate(projectId), {
      method: 'POST',
    });
    expect(regenerated.status).toBe(404);
    expect((await sharing(projectId)).body.enabled).toBe(false);

    for (const bad of ['yes', null, 1]) {
      const refused = await setSharing(projectId, bad);
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body.message)).toContain('enabled');
    }
    const missing = await api<{ message: string[] }>(
      app.baseUrl,
      API_PATHS.projects.sharing(projectId),
      { token: owner, method: 'PUT', body: {} },
    );
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.message)).toContain('enabled');
    expect((await sharing('00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await sharing('not-a-uuid')).status).toBe(400);
  });

  it('a shared project without a finished compilation shows its title and no video', async () => {
    const projectId = await me.project('Nothing yet');
    const { body } = await setSharing(projectId, true);
    const response = await anonymous(API_PATHS.public.project(body.publicId));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      publicId: body.publicId,
      title: 'Nothing yet',
      video: null,
      chapters: [],
      chaptersText: '',
    });
    expect((await anonymous(API_PATHS.public.video(body.publicId))).status).toBe(404);
  });
});

describe('share pages are rate-limited like other public routes (RATELIMIT_DEFAULT per IP)', () => {
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase('share_limit');
    app = await startTestApp({ DATABASE_URL: db.url, RATELIMIT_DEFAULT: '30 per minute' });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers 429 with Retry-After past the limit', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 40; i++) {
      const response = await fetch(
        `${app.baseUrl}${API_PATHS.public.project('AAAAAAAAAAAAAAAAAAAAAA')}`,
      );
      statuses.push(response.status);
      if (response.status === 429) retryAfter ??= response.headers.get('retry-after');
      await response.text();
    }
    expect(statuses[0]).toBe(404);
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeGreaterThan(0);
  });
});
