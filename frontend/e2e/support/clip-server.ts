import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

const FFMPEG = process.env.FFMPEG_BINARY ?? 'ffmpeg';

/**
 * A small H.264 + AAC MP4 (320×240, 25 fps) from one of ffmpeg's test sources (`testsrc2`,
 * `smptebars`, `color=c=red`…) and a sine tone, written into `dir`.
 */
export function makeVideo(
  dir: string,
  name: string,
  video: string,
  frequency: number,
  seconds = 2,
): Buffer {
  const file = join(dir, name);
  const source = `${video}${video.includes('=') ? ':' : '='}size=320x240:rate=25:duration=${seconds}`;
  execFileSync(FFMPEG, [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', source],
    ...['-f', 'lavfi', '-i', `sine=frequency=${frequency}:duration=${seconds}`],
    ...['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest'],
    ...['-movflags', '+faststart', file],
  ]);
  return readFileSync(file);
}

export interface ClipServer {
  url(path: string): string;
  /** Requests per path, whatever their method. */
  hits(path: string): number;
  close(): Promise<void>;
}

/** The "external site" the clips come from: a plain HTTP server on loopback that counts hits. */
export async function startClipServer(files: Record<string, Buffer>): Promise<ClipServer> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const body = files[path];
    if (!body) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': 'video/mp4', 'Content-Length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits: (path) => hits.get(path) ?? 0,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
