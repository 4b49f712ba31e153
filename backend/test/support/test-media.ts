import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Media made by ffmpeg's lavfi sources at test time, cached per test file. */
const folder = mkdtempSync(join(tmpdir(), 'clippyfront-media-'));
const cache = new Map<string, Buffer>();
// Imported by the test file: this hook is the file's own, run after its tests.
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const RECIPES: Record<string, string[]> = {
  'clip.mp4': [
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=320x240:rate=25:duration=2',
    '-f',
    'lavfi',
    '-i',
    'sine=duration=2',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
    '-c:a',
    'aac',
    '-shortest',
  ],
  'clip.webm': [
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=160x120:rate=15:duration=1',
    '-c:v',
    'libvpx',
    '-deadline',
    'realtime',
    '-b:v',
    '200k',
  ],
  'clip.mov': [
    '-f',
    'lavfi',
    '-i',
    'testsrc2=size=176x144:rate=10:duration=1',
    '-c:v',
    'libx264',
    '-preset',
    'ultrafast',
    '-pix_fmt',
    'yuv420p',
  ],
  /** For compiles: a solid colour each, at the two source profiles of the issue. */
  'red-1080p60.mp4': [
    ...['-f', 'lavfi', '-i', 'color=c=red:size=1920x1080:rate=60:duration=2'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=2'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
    '-shortest',
  ],
  'blue-720p30-silent.mp4': [
    ...['-f', 'lavfi', '-i', 'color=c=blue:size=1280x720:rate=30:duration=2'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
  ],
  'green-long.mp4': [
    ...['-f', 'lavfi', '-i', 'color=c=green:size=1280x720:rate=30:duration=20'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=220:duration=20'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
    '-shortest',
  ],
  'still.png': ['-f', 'lavfi', '-i', 'testsrc2=size=64x48', '-frames:v', '1'],
  'wide.png': ['-f', 'lavfi', '-i', 'testsrc2=size=1280x720', '-frames:v', '1'],
  'still.jpg': ['-f', 'lavfi', '-i', 'testsrc2=size=80x60', '-frames:v', '1'],
  /** Tiny 1 s clips of one colour each: media (and thumbnails) that differ byte for byte. */
  ...Object.fromEntries(
    ['red', 'green', 'blue', 'yellow', 'cyan', 'magenta'].map((colour) => [
      `small-${colour}.mp4`,
      [
        ...['-f', 'lavfi', '-i', `color=c=${colour}:size=160x120:rate=10:duration=1`],
        ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'],
      ],
    ]),
  ),
};

export function testMedia(name: keyof typeof RECIPES | string): Buffer {
  const cached = cache.get(name);
  if (cached) return cached;
  const recipe = RECIPES[name];
  if (!recipe) throw new Error(`No recipe for ${name}`);
  const path = join(folder, name);
  execFileSync('ffmpeg', ['-v', 'error', '-y', ...recipe, path]);
  const bytes = readFileSync(path);
  cache.set(name, bytes);
  return bytes;
}

/** Uploads bytes as multipart/form-data, like a browser's FormData. */
export async function uploadMedia(
  baseUrl: string,
  token: string,
  bytes: Buffer,
  fileName: string,
  fields: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([new Uint8Array(bytes)]), fileName);
  const response = await fetch(`${baseUrl}/api/media`, {
    method: 'POST',
    // Its own connection: after a refused upload (413) the server drops the socket, and a pooled
    // connection reused at that moment fails the next upload with ECONNRESET.
    headers: { authorization: `Bearer ${token}`, connection: 'close' },
    body: form,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** A local clip host: `GET /clips/<recipe>` answers that generated file (e.g. red-1080p60.mp4). */
export async function serveTestMedia(): Promise<{ url(recipe: string): string; close(): void }> {
  const server = createServer((request, response) => {
    const recipe = request.url?.match(/^\/clips\/([\w.-]+)$/)?.[1];
    if (!recipe || !RECIPES[recipe]) return response.writeHead(404).end();
    const bytes = testMedia(recipe);
    response.writeHead(200, { 'content-type': 'video/mp4', 'content-length': bytes.length });
    response.end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (recipe) => `http://127.0.0.1:${port}/clips/${recipe}`,
    close: () => server.close(),
  };
}
