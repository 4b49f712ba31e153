// Media upload/streaming benchmark (issue 4). Prints figures; asserts nothing.
//   npm run build && npm run bench:media   [BENCH_SIZE_MB=1024]
// Measures: upload throughput of POST /api/media (multipart, streamed) next to a bare node:http
// server on loopback receiving the same body, the API's peak RSS growth while uploading, and Range
// streaming of GET /api/media/:id/stream next to the same Range reads from that bare server
// (and a plain read of the file).
import { execFileSync, spawn } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  mkdtempSync,
  openAsBlob,
  readFileSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';

const ROOT = resolve(import.meta.dirname, '..');
const SIZE_MB = Number(process.env.BENCH_SIZE_MB ?? 1024);
const work = mkdtempSync(join(tmpdir(), 'clippyfront-bench-'));
const video = join(work, 'big.mkv');
const mib = (bytes) => bytes / 1024 / 1024;
const rate = (bytes, ms) => `${(mib(bytes) / (ms / 1000)).toFixed(0)} MiB/s`;

function makeVideo() {
  // Raw 1080p frames in Matroska: real video that ffprobe reads, at any size, in seconds.
  const frames = Math.ceil((SIZE_MB * 1024 * 1024) / (1920 * 1080 * 1.5));
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `testsrc2=size=1920x1080:rate=30`,
    '-frames:v',
    String(frames),
    '-c:v',
    'rawvideo',
    '-pix_fmt',
    'yuv420p',
    video,
  ]);
}

function freePort() {
  return new Promise((done) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

function rssKiB(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)[1]);
}

/** A bare node:http server on loopback: what the API is measured against. */
async function plainServer() {
  const port = await freePort();
  const target = join(work, 'copy.bin');
  const server = createServer((req, res) => {
    if (req.method === 'POST') {
      pipeline(req, createWriteStream(target)).then(() => res.end('ok'));
      return;
    }
    const [, start, end] = /bytes=(\d+)-(\d+)/.exec(req.headers.range ?? '') ?? [];
    if (start === undefined) return pipeline(createReadStream(video), res.writeHead(200));
    res.writeHead(206, { 'content-length': Number(end) - Number(start) + 1 });
    pipeline(createReadStream(video, { start: Number(start), end: Number(end) }), res);
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => {
      server.close();
      rmSync(target, { force: true });
    },
  };
}

/** The same multipart body the browser would send, to any server. */
async function timedUpload(url, headers) {
  const form = new FormData();
  form.append('file', await openAsBlob(video), 'big.mkv');
  const started = performance.now();
  const response = await fetch(url, { method: 'POST', headers, body: form });
  const ms = performance.now() - started;
  return { response, ms };
}

/** Reads the whole file back in 8 MiB Range requests, one after another, as a player seeks. */
async function timedRangeRead(url, headers, size) {
  const chunk = 8 * 1024 * 1024;
  const started = performance.now();
  let received = 0;
  for (let offset = 0; offset < size; offset += chunk) {
    const end = Math.min(size, offset + chunk) - 1;
    const response = await fetch(url, { headers: { ...headers, range: `bytes=${offset}-${end}` } });
    if (response.status !== 206) throw new Error(`Range ${offset}-${end}: ${response.status}`);
    for await (const part of response.body) received += part.length;
  }
  if (received !== size) throw new Error(`Streamed ${received} of ${size} bytes`);
  return performance.now() - started;
}

async function main() {
  if (!existsSync(join(ROOT, 'backend/dist/main.js'))) throw new Error('Run npm run build first');
  console.log(`Generating a ${SIZE_MB} MiB video…`);
  makeVideo();
  const size = statSync(video).size;
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const app = spawn(process.execPath, [join(ROOT, 'backend/dist/main.js')], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      CLIPPY_INSTANCE_PATH: join(work, 'instance'),
      ADMIN_PASSWORD: 'bench-admin-password',
      MAX_CONTENT_LENGTH: `${SIZE_MB * 2 + 64}mb`,
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
      REDIS_URL: '',
    },
    stdio: 'ignore',
  });
  try {
    for (let i = 0; ; i++) {
      if (i > 240) throw new Error('API did not start');
      if (
        await fetch(`${base}/api/health`).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const login = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ login: 'admin', password: 'bench-admin-password' }),
    });
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const xsrf = /XSRF-TOKEN=([^;]+)/.exec(cookie)[1];
    const { token } = await (
      await fetch(`${base}/api/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie, 'x-xsrf-token': xsrf },
        body: JSON.stringify({ name: 'bench' }),
      })
    ).json();
    const auth = { authorization: `Bearer ${token}` };

    const plain = await plainServer();
    const copyMs = (await timedUpload(plain.url, {})).ms;
    const plainRangeMs = await timedRangeRead(plain.url, {}, size);
    plain.close();

    const rssBefore = rssKiB(app.pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssKiB(app.pid))), 50);
    const { response: uploaded, ms: uploadMs } = await timedUpload(`${base}/api/media`, auth);
    clearInterval(sampler);
    const media = await uploaded.json();
    if (uploaded.status !== 201)
      throw new Error(`Upload failed: ${uploaded.status} ${JSON.stringify(media)}`);

    // The new media's thumbnail job runs in the API process: let it finish first.
    for (let i = 0; i < 120; i++) {
      const current = await (
        await fetch(`${base}/api/media/${media.id}`, { headers: auth })
      ).json();
      if (current.hasThumbnail) break;
      await new Promise((r) => setTimeout(r, 500));
    }

    const readStarted = performance.now();
    await pipeline(createReadStream(video), new Writable({ write: (_c, _e, cb) => cb() }));
    const readMs = performance.now() - readStarted;
    const streamMs = await timedRangeRead(`${base}/api/media/${media.id}/stream`, auth, size);

    const growth = (rssPeak - rssBefore) / 1024;
    const percent = (baseMs, ms) => `${((baseMs / ms) * 100).toFixed(0)} %`;
    console.log(`file                              ${mib(size).toFixed(0)} MiB`);
    console.log(`plain file read                   ${rate(size, readMs)}`);
    console.log(`plain loopback upload (multipart) ${rate(size, copyMs)}`);
    console.log(
      `upload POST /api/media            ${rate(size, uploadMs)}  (${percent(copyMs, uploadMs)} of the plain copy; target >= 50 %)`,
    );
    console.log(`API peak RSS growth               ${growth.toFixed(1)} MiB  (target < 64 MiB)`);
    console.log(`plain loopback Range reads (8 MiB) ${rate(size, plainRangeMs)}`);
    console.log(
      `Range streaming /stream (8 MiB)   ${rate(size, streamMs)}  (${percent(plainRangeMs, streamMs)} of the plain copy; target >= 70 %)`,
    );
  } finally {
    app.kill('SIGTERM');
    await new Promise((r) => app.once('exit', r));
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
