import { execFileSync } from 'node:child_process';
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

/** Test-only: a local HTTP server and generated media, for the download specs. */

export type Route = (req: IncomingMessage, res: ServerResponse, server: TestServer) => void;

export interface TestServer {
  origin: string;
  port: number;
  url(path: string): string;
  /** Requests received per path (without the query). */
  hits(path: string): number;
  /** Paths whose response was closed before it ended (the client gave up). */
  closedEarly: Set<string>;
  close(): Promise<void>;
}

export async function startTestServer(routes: Record<string, Route>): Promise<TestServer> {
  const hits = new Map<string, number>();
  const closedEarly = new Set<string>();
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    res.on('close', () => {
      if (!res.writableFinished) closedEarly.add(path);
    });
    const route = routes[path] ?? routes['*'];
    if (!route) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    route(req, res, testServer);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  const testServer: TestServer = {
    origin,
    port,
    url: (path) => `${origin}${path}`,
    hits: (path) => hits.get(path) ?? 0,
    closedEarly,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
  return testServer;
}

/** A 2 s 320x240 H.264 + AAC mp4 with its index first, made with ffmpeg's lavfi sources. */
export function makeTestClip(dir: string, name = 'clip.mp4'): string {
  const path = join(dir, name);
  execFileSync('ffmpeg', [
    ...['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=320x240:rate=25:duration=2'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2', '-shortest'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
    ...['-movflags', '+faststart', path],
  ]);
  return path;
}

/** A 2 s sine tone, audio only. */
export function makeTestAudio(dir: string): string {
  const path = join(dir, 'tone.wav');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=duration=2', path]);
  return path;
}

export function serveFile(path: string, headers: Record<string, string> = {}): Route {
  return (_req, res) => {
    res.writeHead(200, {
      'content-type': 'video/mp4',
      'content-length': String(statSync(path).size),
      ...headers,
    });
    createReadStream(path).pipe(res);
  };
}

export function redirect(location: string, status = 302): Route {
  return (_req, res) => {
    res.writeHead(status, { location }).end();
  };
}

/**
 * `totalBytes` of zeros (chunked when `declare` is false), `chunkBytes` every `intervalMs`:
 * a download that takes long enough to be cancelled, or never ends (totalBytes Infinity).
 */
export function trickle(
  totalBytes: number,
  chunkBytes: number,
  intervalMs: number,
  declare = true,
): Route {
  return (_req, res) => {
    res.writeHead(200, {
      'content-type': 'video/mp4',
      ...(declare && Number.isFinite(totalBytes) ? { 'content-length': String(totalBytes) } : {}),
    });
    let sent = 0;
    const timer = setInterval(() => {
      const size = Math.min(chunkBytes, totalBytes - sent);
      if (size <= 0) {
        clearInterval(timer);
        res.end();
        return;
      }
      sent += size;
      res.write(Buffer.alloc(size));
    }, intervalMs);
    res.on('close', () => clearInterval(timer));
  };
}
