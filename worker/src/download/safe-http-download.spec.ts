import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { Socket } from 'node:net';
import { jest } from '@jest/globals';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { allowAnyAddress, isPublicAddress, type AddressPolicy } from './address-policy.js';
import { safeHttpDownload, type HttpDownloadOptions } from './safe-http-download.js';
import {
  makeTestClip,
  redirect,
  serveFile,
  startTestServer,
  trickle,
  type TestServer,
} from './test-server.spec-helper.js';

let folder: string;
let clip: string;
let server: TestServer;
let destDir: string;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'clippyfront-http-download-spec-'));
  clip = makeTestClip(folder);
  server = await startTestServer({
    '/clip.mp4': serveFile(clip),
    '/named': serveFile(clip, { 'content-disposition': `attachment; filename="My Clip.mp4"` }),
    '/page.html': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Clip</title>');
    },
    '/api.json': (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"error":"nope"}');
    },
    '/gone': (_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>404</h1>'),
    '/down': (_req, res) => res.writeHead(503).end(),
    '/declared-big': trickle(50_000_000, 1024, 20),
    '/endless': trickle(Infinity, 64 * 1024, 5, false),
    '/slow': trickle(5_000_000, 16 * 1024, 20),
    '/stall': (_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '1000' });
      res.write(Buffer.alloc(10));
    },
    '/short': (_req, res) => {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': '100000' });
      res.write(Buffer.alloc(1000), () => res.socket?.destroy());
    },
    '/r/1': redirect('/r/2', 301),
    '/r/2': redirect('/r/3', 307),
    '/r/3': (req, res, s) => redirect(s.url('/clip.mp4'), 308)(req, res, s),
    '*': (req, res) => {
      const loop = /^\/loop\/(\d+)$/.exec(req.url ?? '');
      if (loop) return redirect(`/loop/${Number(loop[1]) + 1}`)(req, res, server);
      res.writeHead(404).end();
    },
    '/to-loopback': (req, res, s) => redirect(`http://127.0.0.2:${s.port}/clip.mp4`)(req, res, s),
    '/to-metadata': redirect('http://169.254.169.254/latest/meta-data/'),
    '/to-ftp': redirect('ftp://127.0.0.1/clip.mp4'),
  });
});

afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

beforeEach(() => {
  destDir = mkdtempSync(join(folder, 'dest-'));
});

function download(path: string, options: Partial<HttpDownloadOptions> = {}) {
  return safeHttpDownload(path.startsWith('http') ? path : server.url(path), {
    destDir,
    maxBytes: 10_000_000,
    timeoutMs: 5000,
    signal: new AbortController().signal,
    isAllowedAddress: allowAnyAddress,
    ...options,
  });
}

describe('safeHttpDownload', () => {
  it('streams a video to a file, with progress from Content-Length', async () => {
    const progress: [number, number | null][] = [];
    const result = await download('/clip.mp4?token=abc', {
      onProgress: (received, total) => progress.push([received, total]),
    });
    const expected = readFileSync(clip);
    expect(readFileSync(result.path).equals(expected)).toBe(true);
    expect(result).toMatchObject({
      sizeBytes: expected.length,
      contentType: 'video/mp4',
      suggestedName: 'clip.mp4',
      finalUrl: server.url('/clip.mp4?token=abc'),
    });
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.at(-1)).toEqual([expected.length, expected.length]);
    expect(progress.every(([, total]) => total === expected.length)).toBe(true);
  });

  it('takes the name from Content-Disposition', async () => {
    expect((await download('/named')).suggestedName).toBe('My Clip.mp4');
  });

  it('follows a chain of redirects, reporting each hop', async () => {
    const hops: string[] = [];
    const result = await download('/r/1', { onRedirect: (url) => hops.push(url) });
    expect(hops).toEqual([server.url('/r/2'), server.url('/r/3'), server.url('/clip.mp4')]);
    expect(result.finalUrl).toBe(server.url('/clip.mp4'));
    expect(result.sizeBytes).toBe(readFileSync(clip).length);
  });

  it('stops after 5 redirects', async () => {
    await expect(download('/loop/0')).rejects.toThrow('Too many redirects (more than 5)');
    expect(server.hits('/loop/5')).toBe(1);
    expect(server.hits('/loop/6')).toBe(0);
  });

  it('follows only http and https', async () => {
    await expect(download('/to-ftp')).rejects.toThrow(/Only http and https/);
  });

  it('refuses a declared Content-Length over the cap before reading the body', async () => {
    const started = Date.now();
    await expect(download('/declared-big', { maxBytes: 1_000_000 })).rejects.toThrow(
      'The file is too large (47.7 MiB, the limit is 976.6 KiB)',
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(readdirSync(destDir)).toEqual([]);
  });

  it('aborts a body without Content-Length once it passes the cap, and keeps no file', async () => {
    await expect(download('/endless', { maxBytes: 300_000 })).rejects.toThrow(
      'The file is too large (more than the limit is 293.0 KiB)',
    );
    expect(readdirSync(destDir)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.closedEarly.has('/endless')).toBe(true);
  });

  it('refuses an HTML page and JSON without reading them', async () => {
    await expect(download('/page.html')).rejects.toThrow(
      'The URL returned an HTML page, not a video',
    );
    await expect(download('/api.json')).rejects.toThrow('The URL returned JSON data, not a video');
    expect(readdirSync(destDir)).toEqual([]);
  });

  it('names the HTTP status of an error answer', async () => {
    await expect(download('/gone')).rejects.toThrow('The server answered 404 Not Found');
    await expect(download('/down')).rejects.toThrow('The server answered 503 Service Unavailable');
  });

  it('gives up on a server that stops sending', async () => {
    await expect(download('/stall', { timeoutMs: 300 })).rejects.toThrow(
      `127.0.0.1:${server.port} sent nothing for 0.3 s`,
    );
    expect(readdirSync(destDir)).toEqual([]);
  });

  it('fails when the connection closes early', async () => {
    await expect(download('/short')).rejects.toThrow(
      'The connection closed before the download finished',
    );
    expect(readdirSync(destDir)).toEqual([]);
  });

  it('stops on cancel mid-download and keeps no file', async () => {
    const abort = new AbortController();
    const done = download('/slow', {
      signal: abort.signal,
      onProgress: (received) => {
        if (received > 50_000) abort.abort();
      },
    });
    await expect(done).rejects.toThrow('Cancelled');
    expect(readdirSync(destDir)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.closedEarly.has('/slow')).toBe(true);
  });
});

describe('safeHttpDownload: private network guard', () => {
  let connects: string[];
  const originalConnect = Socket.prototype.connect;

  // Tripwire: a connection to anything but loopback fails the test instead of leaving the machine.
  let clipHits: number;
  const newClipHits = () => server.hits('/clip.mp4') - clipHits;

  beforeEach(() => {
    clipHits = server.hits('/clip.mp4');
    connects = [];
    jest.spyOn(Socket.prototype, 'connect').mockImplementation(function (
      this: Socket,
      ...args: unknown[]
    ) {
      // net.createConnection passes its normalized [options, listener] as one argument.
      const first = Array.isArray(args[0]) ? (args[0] as unknown[])[0] : args[0];
      const target = first as { host?: string } | undefined;
      connects.push(String(target?.host));
      if (target?.host && !/^(127\.0\.0\.1|localhost)$/.test(target.host)) {
        throw new Error(`test tried to connect to ${target.host}`);
      }
      return (originalConnect as (...a: unknown[]) => Socket).apply(this, args);
    });
  });

  afterEach(() => jest.restoreAllMocks());

  const guarded = (path: string, policy: AddressPolicy = isPublicAddress) =>
    download(path, { isAllowedAddress: policy });

  it.each([
    ['127.0.0.1', () => server.url('/clip.mp4'), '127.0.0.1'],
    ['[::1]', () => `http://[::1]:${server.port}/clip.mp4`, '::1'],
    ['10.0.0.1', () => 'http://10.0.0.1/clip.mp4', '10.0.0.1'],
    ['169.254.169.254', () => 'http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['a decimal IPv4', () => `http://2130706433:${server.port}/clip.mp4`, '127.0.0.1'],
    ['IPv4-mapped IPv6', () => `http://[::ffff:127.0.0.1]:${server.port}/`, '::ffff:7f00:1'],
  ])('refuses %s without connecting', async (_name, url, address) => {
    await expect(guarded(url())).rejects.toThrow(
      `Refusing to connect to a private network address: ${address}`,
    );
    expect(connects).toEqual([]);
    expect(newClipHits()).toBe(0);
  });

  it('refuses a DNS name that resolves to loopback (localhost)', async () => {
    await expect(guarded(`http://localhost:${server.port}/clip.mp4`)).rejects.toThrow(
      /^Refusing to connect to a private network address: (127\.0\.0\.1|::1) \(localhost\)$/,
    );
    expect(newClipHits()).toBe(0);
  });

  describe('redirects from a host taken as public (the test server)', () => {
    const testServerIsPublic: AddressPolicy = (a) => a === '127.0.0.1' || isPublicAddress(a);

    it('refuses a redirect to another loopback address', async () => {
      await expect(guarded('/to-loopback', testServerIsPublic)).rejects.toThrow(
        'Refusing to connect to a private network address: 127.0.0.2',
      );
      expect(newClipHits()).toBe(0);
    });

    it('refuses a redirect to the cloud metadata address', async () => {
      await expect(guarded('/to-metadata', testServerIsPublic)).rejects.toThrow(
        'Refusing to connect to a private network address: 169.254.169.254',
      );
      expect(connects).toEqual(['127.0.0.1']);
    });

    it('follows a redirect that stays on allowed addresses', async () => {
      const result = await guarded('/r/1', testServerIsPublic);
      expect(result.sizeBytes).toBe(readFileSync(clip).length);
    });
  });

  it('allows loopback when the policy allows private networks', async () => {
    const result = await guarded(`http://localhost:${server.port}/clip.mp4`, allowAnyAddress);
    expect(result.sizeBytes).toBe(readFileSync(clip).length);
  });
});
