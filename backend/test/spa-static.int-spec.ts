import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { API_PATHS, type MediaDto } from '@clippyfront/shared';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testMedia, uploadMedia } from './support/test-media.js';

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** The bytes as sent, not decoded. */
  body: Buffer;
}

/** A GET with node:http, which (unlike fetch) neither asks for nor undoes compression itself. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          body: Buffer.concat(chunks),
        }),
      );
      response.on('error', reject);
    })
      .on('error', reject)
      .end();
  });
}

/** A stand-in for the Angular build: index.html, a hashed bundle and an unhashed file. */
function fakeSpa(dir: string): { bundle: string; index: string } {
  mkdirSync(dir, { recursive: true });
  const bundle = `/* main */\n${'export const answer = () => "forty-two";\n'.repeat(400)}`;
  const index =
    '<!doctype html><html><head><script src="main-ABCD12_-.js" type="module"></script>' +
    `</head><body><cf-root></cf-root>${'<!-- padding -->'.repeat(100)}</body></html>`;
  writeFileSync(join(dir, 'index.html'), index);
  writeFileSync(join(dir, 'main-ABCD12_-.js'), bundle);
  writeFileSync(
    join(dir, 'favicon.svg'),
    `<svg xmlns="http://www.w3.org/2000/svg">${' '.repeat(2000)}</svg>`,
  );
  return { bundle, index };
}

describe('the SPA and API over HTTP: compression and caching', () => {
  const spaDir = join(tmpdir(), `clippyfront-spa-${process.pid}`);
  const spa = fakeSpa(spaDir);
  let db: TestDatabase;
  let app: TestApp;

  beforeAll(async () => {
    db = await createTestDatabase('spa_static');
    app = await startTestApp({ DATABASE_URL: db.url, SPA_DIST_PATH: spaDir });
  });

  afterAll(async () => {
    await app?.close();
    await db?.drop();
    rmSync(spaDir, { recursive: true, force: true });
  });

  it('sends hashed bundles brotli- or gzip-compressed as the browser asks, cached for a year', async () => {
    const url = `${app.baseUrl}/main-ABCD12_-.js`;
    const br = await rawGet(url, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['vary']).toMatch(/accept-encoding/i);
    expect(br.body.length).toBeLessThan(spa.bundle.length / 10);
    expect(brotliDecompressSync(br.body).toString()).toBe(spa.bundle);

    const gzip = await rawGet(url, { 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(spa.bundle);

    const plain = await rawGet(url);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(spa.bundle);
    expect(plain.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('has browsers revalidate index.html, the SPA fallback and unhashed files', async () => {
    for (const path of ['/', '/index.html', '/projects/some-id?step=arrange']) {
      const answer = await rawGet(`${app.baseUrl}${path}`, { 'accept-encoding': 'br, gzip' });
      expect([path, answer.status]).toEqual([path, 200]);
      expect([path, answer.headers['cache-control']]).toEqual([path, 'no-cache']);
      expect(answer.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(answer.body).toString()).toBe(spa.index);
    }
    const icon = await rawGet(`${app.baseUrl}/favicon.svg`);
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('marks share pages (/p/<publicId>) noindex, and only those', async () => {
    const share = await rawGet(`${app.baseUrl}/p/q3Jx0v9TtWm1b7rQy2A4kQ`);
    expect(share.status).toBe(200);
    expect(share.headers['x-robots-tag']).toBe('noindex');
    expect(share.body.toString()).toBe(spa.index);
    for (const path of ['/', '/projects/p1', '/pricing']) {
      const answer = await rawGet(`${app.baseUrl}${path}`);
      expect([path, answer.headers['x-robots-tag']]).toEqual([path, undefined]);
    }
  });

  it('compresses API JSON too', async () => {
    const answer = await rawGet(`${app.baseUrl}${API_PATHS.openapi}`, {
      'accept-encoding': 'gzip',
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(answer.body).toString())).toHaveProperty('paths');
  });

  it('streams media uncompressed: Range requests still answer 206 with the exact bytes', async () => {
    const bytes = testMedia('clip.mp4');
    const { status, body } = await uploadMedia(app.baseUrl, app.adminToken, bytes, 'range.mp4');
    expect(status).toBe(201);
    const url = `${app.baseUrl}${API_PATHS.media.stream((body as MediaDto).id)}`;
    const auth = { authorization: `Bearer ${app.adminToken}`, 'accept-encoding': 'br, gzip' };

    const part = await rawGet(url, { ...auth, range: 'bytes=100-1123' });
    expect(part.status).toBe(206);
    expect(part.headers['content-encoding']).toBeUndefined();
    expect(part.headers['content-range']).toBe(`bytes 100-1123/${bytes.length}`);
    expect(part.body.equals(bytes.subarray(100, 1124))).toBe(true);

    const whole = await rawGet(url, auth);
    expect(whole.status).toBe(200);
    expect(whole.headers['content-encoding']).toBeUndefined();
    expect(whole.headers['accept-ranges']).toBe('bytes');
    expect(whole.body.equals(bytes)).toBe(true);
  });
});
