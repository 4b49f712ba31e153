import { request as httpRequest } from 'node:http';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as tus from 'tus-js-client';
import { API_PATHS, TUS_MEDIA_ID_HEADER, type MediaUsageDto } from '@clippyfront/shared';
import { registerUsers } from './support/clips-client.js';
import { defaultTierUsesStorageQuota } from './support/tiers.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { api, startTestApp, type TestApp } from './support/test-app.js';
import { testMedia, uploadMedia } from './support/test-media.js';
import { filesUnder } from './support/files.js';

const QUOTA = 1024 * 1024; // STORAGE_QUOTA=1mb
const MB = 1024 * 1024;

type ErrorBody = {
  statusCode: number;
  message: string;
  remainingBytes?: number;
  limitBytes?: number;
};

const metadata = (fields: Record<string, string>) =>
  Object.entries(fields)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');

/** A tus client for one app and one user, with raw requests. */
function tusClient(app: () => TestApp, token: string) {
  const endpoint = () => `${app().baseUrl}${API_PATHS.media.uploads}`;

  async function send(
    url: string,
    method: string,
    headers: Record<string, string> = {},
    body?: Buffer | ReadableStream<Uint8Array>,
  ) {
    const response = await fetch(url, {
      method,
      headers: { 'tus-resumable': '1.0.0', authorization: `Bearer ${token}`, ...headers },
      body: body instanceof Buffer ? new Uint8Array(body) : body,
      ...(body instanceof ReadableStream && { duplex: 'half' }),
    } as RequestInit);
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : undefined) as ErrorBody | undefined,
    };
  }

  return {
    endpoint,
    /** POST with Upload-Length (a number) or Upload-Defer-Length (undefined). */
    async create(length: number | undefined, filename = 'upload.mp4') {
      const response = await send(endpoint(), 'POST', {
        ...(length === undefined
          ? { 'upload-defer-length': '1' }
          : { 'upload-length': String(length) }),
        'upload-metadata': metadata({ filename }),
      });
      const location = response.headers.get('location');
      return { ...response, url: location && new URL(location, app().baseUrl).toString() };
    },
    patch(url: string, offset: number, bytes: Buffer, headers: Record<string, string> = {}) {
      return send(
        url,
        'PATCH',
        {
          'upload-offset': String(offset),
          'content-type': 'application/offset+octet-stream',
          ...headers,
        },
        bytes,
      );
    },
    /** PATCH without Content-Length: `total` bytes streamed in 64 KiB chunks. */
    patchStream(url: string, offset: number, total: number) {
      const chunk = new Uint8Array(64 * 1024).fill(7);
      let sent = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent >= total) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      });
      return send(
        url,
        'PATCH',
        { 'upload-offset': String(offset), 'content-type': 'application/offset+octet-stream' },
        stream,
      );
    },
    head: (url: string) => send(url, 'HEAD'),
    remove: (url: string) => send(url, 'DELETE'),
  };
}

describe('tus uploads and the storage quota (STORAGE_QUOTA=1mb, real PostgreSQL)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let second: TestApp | undefined;
  const tusDir = () => join(app.instanceDir, 'tmp', 'tus');
  const tusBytes = () =>
    filesUnder(tusDir())
      .filter((path) => !path.endsWith('.json'))
      .reduce((sum, path) => sum + statSync(path).size, 0);
  const dataFiles = () =>
    filesUnder(join(app.instanceDir, 'data')).filter((path) => !path.includes('/thumbnails/'));
  const tmpUploads = () => filesUnder(join(app.instanceDir, 'tmp', 'uploads'));
  const env = () => ({
    DATABASE_URL: db.url,
    STORAGE_QUOTA: '1mb',
    RATELIMIT_TUS_CREATE: '10000 per minute',
  });

  /** A user of their own per test, so each starts with an empty library and no uploads. */
  let users = 0;
  async function newUser() {
    const [token] = await registerUsers(app, `tq_user${++users}`);
    return { token: token!, tus: tusClient(() => app, token!) };
  }

  const quotaRefusal = (remainingBytes: number) => ({
    statusCode: 403,
    message: expect.stringMatching(/Storage quota exceeded/),
    remainingBytes,
    limitBytes: QUOTA,
  });

  beforeAll(async () => {
    db = await createTestDatabase('tus_quota');
    app = await startTestApp(env());
    await defaultTierUsesStorageQuota(app);
  });

  afterAll(async () => {
    await second?.close({ keepInstance: true });
    await app?.close();
    await db?.drop();
  });

  it('refuses deferred-length PATCHes past the room (403 with the numbers) and drops them', async () => {
    const { tus } = await newUser();
    // The reviewer's attack: deferred uploads, then 20 MB PATCHes into each.
    const urls: string[] = [];
    for (let i = 0; i < 3; i++) {
      const created = await tus.create(undefined);
      expect(created.status).toBe(201);
      urls.push(created.url!);
    }
    for (const url of urls) {
      const flood = await tus.patch(url, 0, Buffer.alloc(20 * MB, 1));
      expect(flood.status).toBe(403);
      expect(flood.body).toEqual(quotaRefusal(QUOTA));
      expect((await tus.head(url)).status).toBe(404);
    }
    expect(filesUnder(tusDir())).toEqual([]);

    // What fits is taken; the next upload only gets what is left.
    const first = await tus.create(undefined);
    expect((await tus.patch(first.url!, 0, Buffer.alloc(600_000, 1))).status).toBe(204);
    const next = await tus.create(undefined);
    expect(next.status).toBe(201);
    const over = await tus.patch(next.url!, 0, Buffer.alloc(500_000, 1));
    expect(over.status).toBe(403);
    expect(over.body).toEqual(quotaRefusal(QUOTA - 600_000));
    expect((await tus.head(next.url!)).status).toBe(404);
    expect((await tus.head(first.url!)).headers.get('upload-offset')).toBe('600000');

    // A stream without Content-Length is cut at the room, and dropped.
    const streamed = await tus.create(undefined);
    const cut = await tus.patchStream(streamed.url!, 0, 2 * MB);
    expect(cut.status).toBe(403);
    expect(cut.body).toMatchObject(quotaRefusal(QUOTA - 600_000));
    expect((await tus.head(streamed.url!)).status).toBe(404);

    // Declaring the length later is checked the same way.
    const declared = await tus.patch(first.url!, 600_000, Buffer.alloc(0), {
      'upload-length': String(2 * MB),
    });
    expect(declared.status).toBe(403);
    expect(declared.body).toEqual(quotaRefusal(QUOTA));
    expect((await tus.head(first.url!)).status).toBe(404);

    expect(tusBytes()).toBeLessThanOrEqual(QUOTA);
    expect(filesUnder(tusDir())).toEqual([]);
  });

  it('lets concurrent deferred-length streams of one user together hold no more than the room', async () => {
    const { tus } = await newUser();
    const [a, b] = [await tus.create(undefined), await tus.create(undefined)];
    const results = await Promise.all([
      tus.patchStream(a.url!, 0, 800_000),
      tus.patchStream(b.url!, 0, 800_000),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([204, 403]);
    expect(results.find((result) => result.status === 403)!.body).toMatchObject({
      statusCode: 403,
      limitBytes: QUOTA,
    });
    const held = await Promise.all([tus.head(a.url!), tus.head(b.url!)]);
    const offsets = held.map((head) => Number(head.headers.get('upload-offset') ?? 0));
    expect(offsets.sort()).toEqual([0, 13 * 64 * 1024]); // 800 000 bytes in whole 64 KiB chunks
    expect(tusBytes()).toBeLessThanOrEqual(QUOTA);
    // Done, the stream holds what it wrote, not all the room it claimed while it ran.
    const after = await tus.create(QUOTA - 13 * 64 * 1024);
    expect(after.status).toBe(201);
  });

  it('counts declared lengths of unfinished uploads against the room', async () => {
    const { tus } = await newUser();
    const huge = await tus.create(4_000_000_000);
    expect(huge.status).toBe(403);
    expect(huge.body).toEqual(quotaRefusal(QUOTA));

    const first = await tus.create(600_000);
    expect(first.status).toBe(201);
    const second = await tus.create(600_000);
    expect(second.status).toBe(403);
    expect(second.body).toEqual(quotaRefusal(QUOTA - 600_000));
    expect(second.body?.message).toMatch(/unfinished uploads hold 600000/);

    // A deferred upload's received bytes reserve too.
    const deferred = await tus.create(undefined);
    expect((await tus.patch(deferred.url!, 0, Buffer.alloc(400_000, 1))).status).toBe(204);
    const tight = await tus.create(QUOTA - 1_000_000 + 1);
    expect(tight.status).toBe(403);
    expect(tight.body).toEqual(quotaRefusal(QUOTA - 1_000_000));

    // Abandoning an upload gives its room back.
    expect((await tus.remove(first.url!)).status).toBe(204);
    expect((await tus.create(600_000)).status).toBe(201);
  });

  it('caps open uploads per user at TUS_MAX_OPEN_UPLOADS (403), whatever their size', async () => {
    const { tus } = await newUser();
    const other = await newUser();
    const urls: string[] = [];
    for (let i = 0; i < 20; i++) {
      const created = await tus.create(10);
      expect(created.status).toBe(201);
      urls.push(created.url!);
    }
    const refused = await tus.create(10);
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({
      statusCode: 403,
      message: expect.stringMatching(/20 unfinished uploads \(TUS_MAX_OPEN_UPLOADS = 20\)/),
      openUploads: 20,
      maxOpenUploads: 20,
    });
    expect((await tus.create(undefined)).status).toBe(403);
    expect((await other.tus.create(10)).status).toBe(201);

    expect((await tus.remove(urls[0]!)).status).toBe(204);
    expect((await tus.create(10)).status).toBe(201);
  });

  it('lets no more creations succeed than fit when they race for the room, across API processes', async () => {
    second = await startTestApp(env(), app.instanceDir);
    const { token } = await newUser();
    const here = tusClient(() => app, token);
    const there = tusClient(() => second!, token);
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? there : here).create(300_000)),
      );
      const statuses = results.map((result) => result.status).sort();
      expect(statuses).toEqual([201, 201, 201, 403, 403, 403]);
      for (const result of results) if (result.url) await here.remove(result.url);
    }
  });

  it('refuses a multipart upload whose Content-Length is over the room before writing a byte', async () => {
    const { token, tus } = await newUser();
    const dataBefore = dataFiles();
    const answer = await new Promise<{ status: number; body: ErrorBody }>((resolve, reject) => {
      const boundary = 'quota-boundary';
      const request = httpRequest(`${app.baseUrl}/api/media`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': `multipart/form-data; boundary=${boundary}`,
          'content-length': String(20 * MB),
        },
      });
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => {
          request.destroy();
          resolve({ status: response.statusCode!, body: JSON.parse(text) as ErrorBody });
        });
      });
      request.on('error', reject);
      // Only the start of the body: the answer must not wait for the rest.
      request.write(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.mp4"\r\n` +
          'Content-Type: video/mp4\r\n\r\n',
      );
      request.write(Buffer.alloc(64 * 1024, 1));
    });
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({
      statusCode: 403,
      message: expect.stringMatching(/Storage quota exceeded: this needs 20971520 bytes/),
      remainingBytes: QUOTA,
      limitBytes: QUOTA,
    });
    expect(tmpUploads()).toEqual([]);
    expect(dataFiles()).toEqual(dataBefore);

    // An open tus upload's reservation leaves no room for the file, which is cut and dropped.
    const reserved = await tus.create(QUOTA - 100);
    expect(reserved.status).toBe(201);
    const still = testMedia('still.png');
    expect(still.length).toBeGreaterThan(100);
    const refused = await uploadMedia(app.baseUrl, token, still, 'still.png');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ statusCode: 403, remainingBytes: 100, limitBytes: QUOTA });
    expect(tmpUploads()).toEqual([]);
    expect(dataFiles()).toEqual(dataBefore);
    expect((await tus.remove(reserved.url!)).status).toBe(204);
    expect((await uploadMedia(app.baseUrl, token, still, 'still.png')).status).toBe(201);
  });

  it('still takes normal uploads under the quota: chunked, deferred, and resumed', async () => {
    const { token } = await newUser();
    const tusBefore = filesUnder(tusDir());
    const bytes = testMedia('clip.mp4');
    expect(bytes.length).toBeLessThan(QUOTA / 3);
    const upload = (options: tus.UploadOptions) =>
      new Promise<tus.HttpResponse>((resolve, reject) => {
        const started = new tus.Upload(bytes, {
          endpoint: `${app.baseUrl}${API_PATHS.media.uploads}`,
          retryDelays: null,
          headers: { authorization: `Bearer ${token}` },
          chunkSize: Math.ceil(bytes.length / 3),
          ...options,
          onSuccess: ({ lastResponse }) => resolve(lastResponse),
          onError: reject,
        });
        started.start();
      });

    const chunked = await upload({ metadata: { filename: 'chunked.mp4' } });
    expect(chunked.getHeader(TUS_MEDIA_ID_HEADER)).toBeTruthy();
    const deferred = await upload({
      metadata: { filename: 'deferred.mp4' },
      uploadLengthDeferred: true,
    });
    expect(deferred.getHeader(TUS_MEDIA_ID_HEADER)).toBeTruthy();

    // Interrupted after the first chunk, then resumed where the server stopped.
    const tus2 = tusClient(() => app, token);
    const created = await tus2.create(bytes.length, 'resumed.mp4');
    const third = Math.ceil(bytes.length / 3);
    expect((await tus2.patch(created.url!, 0, bytes.subarray(0, third))).status).toBe(204);
    const resumed = await new Promise<tus.HttpResponse>((resolve, reject) => {
      const again = new tus.Upload(bytes, {
        endpoint: `${app.baseUrl}${API_PATHS.media.uploads}`,
        uploadUrl: created.url!,
        retryDelays: null,
        headers: { authorization: `Bearer ${token}` },
        chunkSize: third,
        onSuccess: ({ lastResponse }) => resolve(lastResponse),
        onError: reject,
      });
      again.start();
    });
    expect(resumed.getHeader(TUS_MEDIA_ID_HEADER)).toBeTruthy();

    const usage = await api<MediaUsageDto>(app.baseUrl, API_PATHS.media.usage, { token });
    expect(usage.body).toMatchObject({ count: 3, usedBytes: 3 * bytes.length, quotaBytes: QUOTA });
    expect(filesUnder(tusDir())).toEqual(tusBefore);
  });
});

describe('tus creation rate limit (RATELIMIT_TUS_CREATE)', () => {
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase('tus_rate');
    app = await startTestApp({ DATABASE_URL: db.url, RATELIMIT_TUS_CREATE: '3 per minute' });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('answers 429 with Retry-After past the limit per user, and never limits PATCH or HEAD', async () => {
    const [mine, theirs] = await registerUsers(app, 'rate_one', 'rate_two');
    const tus = tusClient(() => app, mine!);
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await tus.create(100_000));
    expect(created.map((c) => c.status)).toEqual([201, 201, 201]);
    const limited = await tus.create(100_000);
    expect(limited.status).toBe(429);
    expect(limited.body?.message).toMatch(/Too many uploads started.*RATELIMIT_TUS_CREATE/);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(filesUnder(join(app.instanceDir, 'tmp', 'tus'))).toHaveLength(6);

    // Another user has their own count.
    expect((await tusClient(() => app, theirs!).create(100_000)).status).toBe(201);

    // One upload is many PATCHes and HEADs: none of them count.
    const url = created[0]!.url!;
    for (let offset = 0; offset < 90_000; offset += 10_000) {
      expect((await tus.head(url)).status).toBe(200);
      expect((await tus.patch(url, offset, Buffer.alloc(10_000, 1))).status).toBe(204);
    }
  });
});
