import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as tus from 'tus-js-client';
import {
  API_PATHS,
  TUS_MEDIA_ID_HEADER,
  XSRF_COOKIE,
  XSRF_HEADER,
  type MediaDto,
} from '@clippyfront/shared';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import {
  api,
  BrowserSession,
  createToken,
  startTestApp,
  type TestApp,
} from './support/test-app.js';
import { testMedia } from './support/test-media.js';
import { filesUnder } from './support/files.js';

const LIMIT = 2 * 1024 * 1024; // MAX_CONTENT_LENGTH below
const PASSWORD = 'tus-password-12';
type ErrorBody = { statusCode: number; message: string };

/** Upload-Metadata: comma-separated `key base64(value)` pairs. */
function encodeMetadata(fields: Record<string, string>): string {
  return Object.entries(fields)
    .map(([key, value]) => `${key} ${Buffer.from(value).toString('base64')}`)
    .join(',');
}

/** A URL storage in memory, so tus-js-client can find an interrupted upload again. */
class MemoryUrlStorage {
  private readonly uploads = new Map<string, tus.PreviousUpload & { fingerprint: string }>();

  async findAllUploads(): Promise<tus.PreviousUpload[]> {
    return [...this.uploads.values()];
  }
  async findUploadsByFingerprint(fingerprint: string): Promise<tus.PreviousUpload[]> {
    return [...this.uploads.values()].filter((upload) => upload.fingerprint === fingerprint);
  }
  async removeUpload(key: string): Promise<void> {
    this.uploads.delete(key);
  }
  async addUpload(fingerprint: string, upload: tus.PreviousUpload): Promise<string> {
    const key = `tus::${fingerprint}::${this.uploads.size}`;
    this.uploads.set(key, { ...upload, urlStorageKey: key, fingerprint });
    return key;
  }
}

describe('tus resumable uploads (real PostgreSQL, ffmpeg)', () => {
  let db: TestDatabase;
  let app: TestApp;
  let token: string;
  let other: string;

  const endpoint = () => `${app.baseUrl}${API_PATHS.media.uploads}`;
  const tusFiles = () => filesUnder(join(app.instanceDir, 'tmp', 'tus'));
  /** Media files only: thumbnails arrive by themselves, when their jobs finish. */
  const dataFiles = () =>
    filesUnder(join(app.instanceDir, 'data')).filter((path) => !path.includes('/thumbnails/'));

  async function tusRequest(
    url: string,
    method: string,
    options: { as?: string | null; headers?: Record<string, string>; body?: Buffer } = {},
  ) {
    const as = options.as === undefined ? token : options.as;
    const response = await fetch(url, {
      method,
      headers: {
        'tus-resumable': '1.0.0',
        ...(as && { authorization: `Bearer ${as}` }),
        ...options.headers,
      },
      body: options.body && new Uint8Array(options.body),
    });
    const text = await response.text();
    return {
      status: response.status,
      headers: response.headers,
      body: (text ? JSON.parse(text) : undefined) as ErrorBody | undefined,
    };
  }

  /** POST; answers the upload's absolute URL. */
  async function create(length: number, fields: Record<string, string>, as?: string | null) {
    const response = await tusRequest(endpoint(), 'POST', {
      as,
      headers: { 'upload-length': String(length), 'upload-metadata': encodeMetadata(fields) },
    });
    const location = response.headers.get('location');
    return { ...response, url: location && new URL(location, app.baseUrl).toString() };
  }

  const patch = (url: string, offset: number, bytes: Buffer, as?: string | null) =>
    tusRequest(url, 'PATCH', {
      as,
      headers: {
        'upload-offset': String(offset),
        'content-type': 'application/offset+octet-stream',
      },
      body: bytes,
    });

  /** Runs a tus-js-client upload to the end; resolves with the last response, or rejects. */
  function runUpload(bytes: Buffer, options: tus.UploadOptions) {
    return new Promise<{ upload: tus.Upload; lastResponse: tus.HttpResponse }>(
      (resolve, reject) => {
        const upload: tus.Upload = new tus.Upload(bytes, {
          endpoint: endpoint(),
          retryDelays: null,
          headers: { authorization: `Bearer ${token}` },
          ...options,
          onSuccess: ({ lastResponse }) => resolve({ upload, lastResponse }),
          onError: reject,
        });
        upload.start();
      },
    );
  }

  async function expectStoredMedia(id: string, bytes: Buffer): Promise<MediaDto> {
    const media = await api<MediaDto>(app.baseUrl, API_PATHS.media.item(id), { token });
    expect(media.status).toBe(200);
    expect(media.body.sizeBytes).toBe(bytes.length);
    const streamed = await fetch(`${app.baseUrl}${API_PATHS.media.stream(id)}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(Buffer.from(await streamed.arrayBuffer()).equals(bytes)).toBe(true);
    return media.body;
  }

  beforeAll(async () => {
    db = await createTestDatabase('media_tus');
    app = await startTestApp({ DATABASE_URL: db.url, MAX_CONTENT_LENGTH: '2mb' });
    for (const name of ['tus_user', 'tus_other']) {
      await api(app.baseUrl, API_PATHS.auth.register, {
        body: { username: name, email: `${name}@example.com`, password: PASSWORD },
      });
    }
    token = await createToken(app.baseUrl, 'tus_user', PASSWORD);
    other = await createToken(app.baseUrl, 'tus_other', PASSWORD);
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  it('uploads clip.mp4 with tus-js-client in several PATCHes and ingests it', async () => {
    const bytes = testMedia('clip.mp4');
    const chunkSize = Math.ceil(bytes.length / 4);
    const offsets: number[] = [];
    const { lastResponse } = await runUpload(bytes, {
      chunkSize,
      metadata: {
        filename: 'tus clip.mp4',
        filetype: 'video/mp4',
        type: 'intro',
        name: 'Resumable intro',
        tags: '["Tus", "big one"]',
      },
      onBeforeRequest: (request) => {
        if (request.getMethod() === 'PATCH') {
          offsets.push(Number(request.getHeader('Upload-Offset')));
        }
      },
    });
    expect(offsets).toEqual([0, chunkSize, 2 * chunkSize, 3 * chunkSize]);
    expect(lastResponse.getStatus()).toBe(204);
    expect(lastResponse.getHeader('access-control-expose-headers')).toContain(TUS_MEDIA_ID_HEADER);
    const id = lastResponse.getHeader(TUS_MEDIA_ID_HEADER)!;
    const media = await expectStoredMedia(id, bytes);
    expect(media).toMatchObject({
      name: 'Resumable intro',
      type: 'intro',
      mimeType: 'video/mp4',
      tags: ['tus', 'big one'],
      width: 320,
      height: 240,
      hasAudio: true,
    });
    expect(dataFiles().some((path) => path.endsWith('/intros/tus clip.mp4'))).toBe(true);
    expect(tusFiles()).toEqual([]);
  });

  it('resumes an interrupted tus-js-client upload from the offset the server kept', async () => {
    const bytes = testMedia('clip.mp4');
    const chunkSize = Math.ceil(bytes.length / 3);
    const urlStorage = new MemoryUrlStorage();
    const metadata = { filename: 'resumed.mp4' };

    const first = new tus.Upload(bytes, {
      endpoint: endpoint(),
      chunkSize,
      retryDelays: null,
      headers: { authorization: `Bearer ${token}` },
      metadata,
      urlStorage,
    });
    await new Promise<void>((resolve, reject) => {
      first.options.onChunkComplete = () => void first.abort().then(resolve);
      first.options.onError = reject;
      first.start();
    });
    const [partial] = tusFiles().filter((path) => !path.endsWith('.json'));
    expect(statSync(partial!).size).toBe(chunkSize);
    const status = await tusRequest(first.url!, 'HEAD');
    expect(status.headers.get('upload-offset')).toBe(String(chunkSize));

    const requests: string[] = [];
    const resumed = new tus.Upload(bytes, {
      endpoint: endpoint(),
      chunkSize,
      retryDelays: null,
      headers: { authorization: `Bearer ${token}` },
      metadata,
      urlStorage,
      onBeforeRequest: (request) => {
        const offset = request.getHeader('Upload-Offset');
        requests.push(`${request.getMethod()}${offset === undefined ? '' : ` ${offset}`}`);
      },
    });
    const previous = await resumed.findPreviousUploads();
    expect(previous).toHaveLength(1);
    resumed.resumeFromPreviousUpload(previous[0]!);
    const lastResponse = await new Promise<tus.HttpResponse>((resolve, reject) => {
      resumed.options.onSuccess = (payload) => resolve(payload.lastResponse);
      resumed.options.onError = reject;
      resumed.start();
    });
    expect(resumed.url).toBe(first.url);
    expect(requests).toEqual(['HEAD', `PATCH ${chunkSize}`, `PATCH ${2 * chunkSize}`]);
    await expectStoredMedia(lastResponse.getHeader(TUS_MEDIA_ID_HEADER)!, bytes);
    expect(tusFiles()).toEqual([]);
  });

  it('resumes with raw requests: HEAD tells the offset, PATCH continues from it', async () => {
    const bytes = testMedia('clip.mp4');
    const half = Math.floor(bytes.length / 2);
    const created = await create(bytes.length, { filename: 'raw.mp4', tags: 'raw, resumed' });
    expect(created.status).toBe(201);
    expect(created.headers.get('location')).toMatch(/^\/api\/media\/uploads\/[0-9a-f]+$/);
    expect(created.headers.get('upload-expires')).toBeTruthy();
    expect(created.headers.get('access-control-allow-origin')).toBeNull(); // no CORS_ORIGINS

    const firstHalf = await patch(created.url!, 0, bytes.subarray(0, half));
    expect(firstHalf.status).toBe(204);
    expect(firstHalf.headers.get('upload-offset')).toBe(String(half));
    const status = await tusRequest(created.url!, 'HEAD');
    expect(status.status).toBe(200);
    expect(status.headers.get('upload-offset')).toBe(String(half));
    expect(status.headers.get('upload-length')).toBe(String(bytes.length));
    expect(status.headers.get('cache-control')).toBe('no-store');

    const rest = await patch(created.url!, half, bytes.subarray(half));
    expect(rest.status).toBe(204);
    const media = await expectStoredMedia(rest.headers.get(TUS_MEDIA_ID_HEADER)!, bytes);
    expect(media).toMatchObject({ name: 'raw.mp4', type: 'clip', tags: ['raw', 'resumed'] });
    expect((await tusRequest(created.url!, 'HEAD')).status).toBe(404);
    expect(tusFiles()).toEqual([]);
  });

  it('hides an upload from other users (404) and needs authentication (401)', async () => {
    const bytes = testMedia('clip.mp4');
    const created = await create(bytes.length, { filename: 'mine.mp4' });
    expect((await patch(created.url!, 0, bytes.subarray(0, 100))).status).toBe(204);

    const peek = await tusRequest(created.url!, 'HEAD', { as: other });
    expect(peek.status).toBe(404);
    const write = await patch(created.url!, 100, bytes.subarray(100, 200), other);
    expect(write.status).toBe(404);
    expect(write.body).toEqual({ statusCode: 404, message: 'Upload not found' });
    expect((await tusRequest(created.url!, 'DELETE', { as: other })).status).toBe(404);

    expect((await tusRequest(created.url!, 'HEAD', { as: null })).status).toBe(401);
    expect((await patch(created.url!, 100, bytes.subarray(100, 200), null)).status).toBe(401);
    expect((await create(bytes.length, { filename: 'anon.mp4' }, null)).status).toBe(401);
    const bad = await create(bytes.length, { filename: 'x.mp4' }, 'cfp_not-a-real-token');
    expect(bad.status).toBe(401);

    // A browser session: the XSRF header is required on PATCH, as on every unsafe request.
    const session = await BrowserSession.login(app.baseUrl, 'tus_user', PASSWORD);
    const cookieHeaders = { cookie: session.cookieHeader() };
    const withoutXsrf = await tusRequest(created.url!, 'PATCH', {
      as: null,
      headers: {
        ...cookieHeaders,
        'upload-offset': '100',
        'content-type': 'application/offset+octet-stream',
      },
      body: bytes.subarray(100, 200),
    });
    expect(withoutXsrf.status).toBe(403);
    const withXsrf = await tusRequest(created.url!, 'PATCH', {
      as: null,
      headers: {
        ...cookieHeaders,
        [XSRF_HEADER]: session.cookies.get(XSRF_COOKIE)!,
        'upload-offset': '100',
        'content-type': 'application/offset+octet-stream',
      },
      body: bytes.subarray(100, 200),
    });
    expect(withXsrf.status).toBe(204);
    expect(withXsrf.headers.get('upload-offset')).toBe('200');

    const mine = await tusRequest(created.url!, 'HEAD');
    expect(mine.headers.get('upload-offset')).toBe('200');
    expect((await tusRequest(created.url!, 'DELETE')).status).toBe(204);
    expect((await tusRequest(created.url!, 'HEAD')).status).toBe(404);
    expect(tusFiles()).toEqual([]);
  });

  it('answers 413 past MAX_CONTENT_LENGTH, at creation or as a deferred upload grows', async () => {
    const declared = await create(LIMIT + 1, { filename: 'huge.mp4' });
    expect(declared.status).toBe(413);
    expect(declared.headers.get('content-type')).toMatch(/^application\/json/);
    expect(declared.body?.message).toMatch(/MAX_CONTENT_LENGTH = 2097152 bytes/);
    expect(tusFiles()).toEqual([]);

    const deferred = await tusRequest(endpoint(), 'POST', {
      headers: {
        'upload-defer-length': '1',
        'upload-metadata': encodeMetadata({ filename: 'growing.mp4' }),
      },
    });
    expect(deferred.status).toBe(201);
    const url = new URL(deferred.headers.get('location')!, app.baseUrl).toString();
    expect((await patch(url, 0, Buffer.alloc(LIMIT - 10, 1))).status).toBe(204);
    expect(tusFiles()).toHaveLength(2);
    const over = await patch(url, LIMIT - 10, Buffer.alloc(20, 1));
    expect(over.status).toBe(413);
    expect(over.body?.message).toMatch(/MAX_CONTENT_LENGTH/);
    expect((await tusRequest(url, 'HEAD')).status).toBe(404);
    expect(tusFiles()).toEqual([]);

    // Without Content-Length the server only learns the size while storing the stream.
    const streamed = await tusRequest(endpoint(), 'POST', {
      headers: {
        'upload-defer-length': '1',
        'upload-metadata': encodeMetadata({ filename: 'stream.mp4' }),
      },
    });
    const streamedUrl = new URL(streamed.headers.get('location')!, app.baseUrl).toString();
    const chunk = new Uint8Array(64 * 1024);
    let sent = 0;
    const response = await fetch(streamedUrl, {
      method: 'PATCH',
      headers: {
        'tus-resumable': '1.0.0',
        authorization: `Bearer ${token}`,
        'upload-offset': '0',
        'content-type': 'application/offset+octet-stream',
      },
      body: new ReadableStream({
        pull(controller) {
          if (sent > LIMIT) return controller.close();
          sent += chunk.length;
          controller.enqueue(chunk);
        },
      }),
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(((await response.json()) as ErrorBody).message).toMatch(/MAX_CONTENT_LENGTH/);
    expect((await tusRequest(streamedUrl, 'HEAD')).status).toBe(404);
    expect(tusFiles()).toEqual([]);
  });

  it('refuses a text file disguised as .mp4 at the final PATCH (415) and keeps nothing', async () => {
    const before = dataFiles().length;
    const text = Buffer.from('just some text, honestly\n'.repeat(50));
    const created = await create(text.length, { filename: 'notes.mp4' });
    expect(created.status).toBe(201);
    expect((await patch(created.url!, 0, text.subarray(0, 500))).status).toBe(204);
    const last = await patch(created.url!, 500, text.subarray(500));
    expect(last.status).toBe(415);
    expect(last.headers.get('content-type')).toMatch(/^application\/json/);
    expect(last.body).toEqual({
      statusCode: 415,
      message: expect.stringMatching(/Only video and image files are accepted/),
    });
    expect(last.headers.get(TUS_MEDIA_ID_HEADER)).toBeNull();

    const truncated = testMedia('clip.mp4').subarray(0, 3000);
    const cut = await create(truncated.length, { filename: 'cut.mp4' });
    const cutLast = await patch(cut.url!, 0, truncated);
    expect(cutLast.status).toBe(422);
    expect(cutLast.body?.message).toMatch(/cannot be decoded/);

    expect(tusFiles()).toEqual([]);
    expect(dataFiles()).toHaveLength(before);
    expect((await tusRequest(created.url!, 'HEAD')).status).toBe(404);
  });

  it('checks metadata at creation (400) so nothing is uploaded in vain', async () => {
    const cases: [Record<string, string>, RegExp][] = [
      [{ name: 'no file name' }, /filename/],
      [{ filename: '   ' }, /filename/],
      [{ filename: 'a.mp4', type: 'bogus' }, /type must be one of/],
      [{ filename: 'a.mp4', tags: '[not json' }, /tags must be a JSON array/],
      [{ filename: 'a.mp4', tags: '["ok", 3]' }, /tags must be a JSON array/],
      [{ filename: 'a.mp4', tags: 'fine, <script>' }, /each tag/],
    ];
    for (const [fields, message] of cases) {
      const response = await create(1000, fields);
      expect([response.status, response.body?.message]).toEqual([
        400,
        expect.stringMatching(message),
      ]);
    }
    const malformed = await tusRequest(endpoint(), 'POST', {
      headers: { 'upload-length': '1000', 'upload-metadata': 'filename not base64!' },
    });
    expect(malformed.status).toBe(400);
    expect((await create(0, { filename: 'empty.mp4' })).body?.message).toBe('The file is empty');
    const withBody = await tusRequest(endpoint(), 'POST', {
      headers: {
        'upload-length': '4',
        'upload-metadata': encodeMetadata({ filename: 'a.mp4' }),
        'content-type': 'application/offset+octet-stream',
      },
      body: Buffer.from('abcd'),
    });
    expect(withBody.status).toBe(400);
    expect(withBody.body?.message).toMatch(/PATCH/);
    expect(tusFiles()).toEqual([]);
  });

  it('answers 409 to a PATCH at the wrong offset and keeps the upload as it was', async () => {
    const bytes = testMedia('clip.mp4');
    const created = await create(bytes.length, { filename: 'conflict.mp4' });
    expect((await patch(created.url!, 0, bytes.subarray(0, 1000))).status).toBe(204);
    for (const offset of [0, 500, 2000]) {
      const wrong = await patch(created.url!, offset, bytes.subarray(offset, offset + 1000));
      expect(wrong.status).toBe(409);
      expect(wrong.body?.message).toMatch(/Upload-Offset/);
    }
    expect((await tusRequest(created.url!, 'HEAD')).headers.get('upload-offset')).toBe('1000');

    const noVersion = await fetch(created.url!, {
      method: 'HEAD',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(noVersion.status).toBe(412);
    expect((await tusRequest(created.url!, 'DELETE')).status).toBe(204);
  });

  it('describes itself to OPTIONS without credentials', async () => {
    const response = await fetch(endpoint(), { method: 'OPTIONS' });
    expect(response.status).toBe(204);
    expect(response.headers.get('tus-version')).toBe('1.0.0');
    expect(response.headers.get('tus-max-size')).toBe(String(LIMIT));
    expect(response.headers.get('tus-extension')).not.toContain('creation-with-upload');
  });
});

describe('tus uploads with CORS_ORIGINS', () => {
  const SPA = 'https://spa.example';
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase('media_tus_cors');
    app = await startTestApp({ DATABASE_URL: db.url, CORS_ORIGINS: SPA });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const createFrom = (origin: string) =>
    fetch(`${app.baseUrl}${API_PATHS.media.uploads}`, {
      method: 'POST',
      headers: {
        origin,
        authorization: `Bearer ${app.adminToken}`,
        'tus-resumable': '1.0.0',
        'upload-length': '10',
        'upload-metadata': encodeMetadata({ filename: 'a.mp4' }),
      },
    });

  it('answers allowed origins only, with credentials and the tus headers exposed', async () => {
    const allowed = await createFrom(SPA);
    expect(allowed.status).toBe(201);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SPA);
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true');
    const exposed = allowed.headers.get('access-control-expose-headers')!.toLowerCase();
    for (const header of ['location', 'upload-offset', TUS_MEDIA_ID_HEADER]) {
      expect(exposed).toContain(header);
    }
    const foreign = await createFrom('https://evil.example');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });
});
