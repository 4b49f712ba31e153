import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_PATHS, WORKER_KEY_HEADER } from '@clippyfront/shared';
import { ApiClient, ApiError } from './api-client.js';

const key = 'worker-key-0123456789';
const bytes = Buffer.alloc(3 * 1024 * 1024, 7);
let server: Server;
let client: ApiClient;
let dir: string;
const seen: { url: string; headers: IncomingHttpHeaders }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ url: req.url ?? '', headers: req.headers });
    if (req.url === API_PATHS.media.raw('m1')) return res.writeHead(200).end(bytes);
    if (req.url === API_PATHS.avatarByClip('c1')) return res.writeHead(200).end('PNGDATA');
    if (req.url === API_PATHS.media.raw('broken')) {
      // Headers, part of the body, then the connection dies.
      res.writeHead(200, { 'content-length': String(bytes.length) });
      res.write(bytes.subarray(0, 1000));
      return setTimeout(() => res.destroy(), 50);
    }
    if (req.url === API_PATHS.media.raw('flaky')) {
      // The first answer breaks off after 1000 bytes (an API restart); Range requests resume.
      const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
      if (range) {
        const start = Number(range[1]);
        res.writeHead(206, {
          'content-length': String(bytes.length - start),
          'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}`,
        });
        return res.end(bytes.subarray(start));
      }
      res.writeHead(200, { 'content-length': String(bytes.length) });
      res.write(bytes.subarray(0, 1000));
      return setTimeout(() => res.destroy(), 50);
    }
    if (req.url === API_PATHS.media.raw('denied'))
      return res.writeHead(401).end('{"message":"key"}');
    res.writeHead(404).end('{"message":"not found"}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  client = new ApiClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, key);
  dir = mkdtempSync(join(tmpdir(), 'api-client-download-'));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

describe('ApiClient downloads (media for compiles, avatars for overlays)', () => {
  it('streams a media file to disk with the worker key', async () => {
    const path = join(dir, 'm1');
    await client.downloadMedia('m1', path);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(seen.at(-1)?.headers[WORKER_KEY_HEADER]).toBe(key);
  });

  it('saves an avatar, and answers false when the clip has none', async () => {
    const path = join(dir, 'avatar');
    await expect(client.downloadAvatar('c1', path)).resolves.toBe(true);
    expect(readFileSync(path, 'utf8')).toBe('PNGDATA');
    await expect(client.downloadAvatar('none', join(dir, 'none'))).resolves.toBe(false);
    expect(existsSync(join(dir, 'none'))).toBe(false);
  });

  it('fails clearly on a missing file or a refusal, and leaves no partial file', async () => {
    await expect(client.downloadMedia('gone', join(dir, 'gone'))).rejects.toThrow(
      /no longer in the library/,
    );
    const denied = client.downloadMedia('denied', join(dir, 'denied'));
    await expect(denied).rejects.toBeInstanceOf(ApiError);
    await expect(client.downloadMedia('broken', join(dir, 'broken'))).rejects.toThrow();
    expect(existsSync(join(dir, 'broken'))).toBe(false);
    expect(existsSync(join(dir, 'denied'))).toBe(false);
  });

  it('goes on with a Range request where a broken transfer stopped', async () => {
    const port = (server.address() as AddressInfo).port;
    const retrying = new ApiClient(`http://127.0.0.1:${port}`, key, 5000, undefined, {
      retrySeconds: 10,
    });
    const path = join(dir, 'flaky');
    seen.length = 0;
    await retrying.downloadMedia('flaky', path);
    expect(readFileSync(path).equals(bytes)).toBe(true);
    expect(seen.map((request) => request.headers.range)).toEqual([undefined, 'bytes=1000-']);
  });

  it('stops when the job is cancelled', async () => {
    const abort = new AbortController();
    abort.abort();
    await expect(
      client.downloadMedia('m1', join(dir, 'cancelled'), abort.signal),
    ).rejects.toThrow();
    expect(existsSync(join(dir, 'cancelled'))).toBe(false);
  });
});
