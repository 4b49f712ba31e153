import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DownloadPayload } from '@clippyfront/shared';
import type { DownloadSettings } from '../download/download-settings.js';
import {
  makeTestAudio,
  makeTestClip,
  serveFile,
  startTestServer,
  trickle,
  type TestServer,
} from '../download/test-server.spec-helper.js';
import { locateFfmpeg, type FfmpegLocation } from '../ffmpeg/ffmpeg-locator.js';
import { downloadHandler } from './download.handler.js';
import type { JobContext } from './job-context.js';

let folder: string;
let clip: string;
let server: TestServer;
let ffmpeg: FfmpegLocation;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'clippyfront-download-handler-spec-'));
  clip = makeTestClip(folder);
  const audio = makeTestAudio(folder);
  writeFileSync(join(folder, 'noise.bin'), Buffer.alloc(50_000, 7));
  writeFileSync(join(folder, 'page.bin'), '\n<!DOCTYPE html><html><body>Log in</body></html>');
  ffmpeg = await locateFfmpeg({});
  server = await startTestServer({
    '/clips/Best%20Play.mp4': serveFile(clip),
    '/attachments/1/2/noext': serveFile(clip, { 'content-type': 'application/octet-stream' }),
    '/page': (_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end('<p>hi</p>'),
    '/disguised.mp4': serveFile(join(folder, 'page.bin'), { 'content-type': 'video/mp4' }),
    '/tone.wav': serveFile(audio, { 'content-type': 'audio/wav' }),
    '/noise.mp4': serveFile(join(folder, 'noise.bin')),
    '/slow.mp4': trickle(5_000_000, 16 * 1024, 20),
  });
});

afterAll(async () => {
  await server.close();
  rmSync(folder, { recursive: true, force: true });
});

const testSettings: DownloadSettings = {
  allowPrivateNetworks: true,
  timeoutSeconds: 10,
  ytDlpArgs: [],
};

function context(payload: Partial<DownloadPayload>, options: Partial<JobContext<'download'>> = {}) {
  const saved: { path: string; fileName: string }[] = [];
  const logs: string[] = [];
  const progress: number[] = [];
  const workDir = mkdtempSync(join(folder, 'work-'));
  const ctx: JobContext<'download'> = {
    jobId: 'job-1',
    payload: {
      clipId: 'clip-1',
      url: server.url('/clips/Best%20Play.mp4'),
      source: 'external',
      maxBytes: 50_000_000,
      ...payload,
    },
    attempt: 1,
    signal: new AbortController().signal,
    ffmpeg,
    download: testSettings,
    workDir,
    media: {
      input: () => Promise.reject(new Error('not in this test')),
      localCopy: () => Promise.reject(new Error('not in this test')),
      avatar: () => Promise.reject(new Error('not in this test')),
      saveThumbnail: () => Promise.reject(new Error('not in this test')),
      saveOutput: async (path, fileName) => {
        const copy = join(folder, `saved-${saved.length}-${fileName}`);
        copyFileSync(path, copy);
        saved.push({ path: copy, fileName });
        return { mediaId: `media-${saved.length}` };
      },
    },
    progress: (percent) => progress.push(percent),
    log: (line) => logs.push(line),
    ...options,
  };
  return { ctx, saved, logs, progress, workDir };
}

describe('downloadHandler (local server, real ffprobe)', () => {
  it('downloads, probes and sends the clip to the library', async () => {
    const { ctx, saved, logs, progress } = context({});
    const result = await downloadHandler(ctx);

    const size = readFileSync(clip).length;
    expect(result).toEqual({
      mediaId: 'media-1',
      sizeBytes: size,
      durationSeconds: expect.any(Number),
    });
    expect(result.durationSeconds).toBeCloseTo(2, 0);
    expect(saved).toHaveLength(1);
    expect(saved[0]!.fileName).toBe('Best_Play.mp4');
    expect(readFileSync(saved[0]!.path).equals(readFileSync(clip))).toBe(true);
    expect(logs[0]).toBe(`Downloading ${ctx.payload.url}`);
    expect(logs).toContainEqual(expect.stringMatching(/^Downloaded 190\.\d KiB in \d+\.\d s$/));
    expect(logs).toContainEqual(expect.stringMatching(/^Probed: mov,mp4.*h264 320x240, audio aac/));
    expect(progress.at(-1)).toBe(100);
    expect(progress.some((p) => p > 0 && p < 90)).toBe(true);
  });

  it('gives a file without extension the one ffprobe implies (Discord attachment)', async () => {
    const { ctx, saved } = context({
      url: server.url('/attachments/1/2/noext'),
      source: 'discord',
    });
    await downloadHandler(ctx);
    expect(saved[0]!.fileName).toBe('noext.mp4');
  });

  it.each([
    ['an HTML page', '/page', 'The URL returned an HTML page, not a video'],
    ['HTML served as video/mp4', '/disguised.mp4', 'The URL returned an HTML page, not a video'],
    ['a 404', '/nothing-here.mp4', 'The server answered 404 Not Found'],
    ['audio only', '/tone.wav', 'The downloaded file has no video stream'],
    ['undecodable bytes', '/noise.mp4', 'The downloaded file is not a readable video'],
  ])('fails clearly on %s, sending nothing', async (_name, path, message) => {
    const { ctx, saved } = context({ url: server.url(path) });
    await expect(downloadHandler(ctx)).rejects.toThrow(message);
    expect(saved).toEqual([]);
  });

  it('refuses private addresses unless DOWNLOAD_ALLOW_PRIVATE_NETWORKS is on', async () => {
    const before = server.hits('/clips/Best%20Play.mp4');
    const { ctx } = context({}, { download: { ...testSettings, allowPrivateNetworks: false } });
    await expect(downloadHandler(ctx)).rejects.toThrow(
      'Refusing to connect to a private network address: 127.0.0.1',
    );
    expect(server.hits('/clips/Best%20Play.mp4')).toBe(before);
  });

  it('stops on cancel and leaves nothing in its folder', async () => {
    const abort = new AbortController();
    const { ctx, saved, workDir } = context(
      { url: server.url('/slow.mp4') },
      {
        signal: abort.signal,
        progress: (percent) => {
          if (percent >= 1) abort.abort();
        },
      },
    );
    await expect(downloadHandler(ctx)).rejects.toThrow('Cancelled');
    expect(saved).toEqual([]);
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('fails before downloading when ffprobe is missing', async () => {
    const before = server.hits('/clips/Best%20Play.mp4');
    const missing = { ffmpegPath: null, ffprobePath: null, version: null, problems: ['no ffmpeg'] };
    const { ctx } = context({}, { ffmpeg: missing });
    await expect(downloadHandler(ctx)).rejects.toThrow('ffmpeg is not available: no ffmpeg');
    expect(server.hits('/clips/Best%20Play.mp4')).toBe(before);
  });

  describe('Twitch clips (yt-dlp)', () => {
    it('only gives yt-dlp Twitch clip URLs', async () => {
      const { ctx } = context({ url: server.url('/clips/Best%20Play.mp4'), source: 'twitch' });
      await expect(downloadHandler(ctx)).rejects.toThrow(/^Not a Twitch clip URL: /);
    });

    // A stand-in for yt-dlp: the Twitch extractor needs twitch.tv. This checks the wiring
    // (arguments, progress, file name from the slug); yt-dlp itself is tested on a local server.
    it('runs yt-dlp with the cap and extra arguments, naming the file after the slug', async () => {
      const argsFile = join(folder, 'yt-dlp-args.txt');
      const fake = join(folder, 'fake-yt-dlp');
      writeFileSync(
        fake,
        [
          '#!/bin/sh',
          `printf '%s\\n' "$@" > '${argsFile}'`,
          'while [ $# -gt 0 ]; do [ "$1" = "-o" ] && out="$2"; shift; done',
          'echo "[download]  50.0% of 190.00KiB at 1.00MiB/s ETA 00:00"',
          `cp '${clip}' "$(echo "$out" | sed 's/%(ext)s/mp4/')"`,
          'echo "[download] 100% of 190.00KiB in 00:00:00 at 1.00MiB/s"',
        ].join('\n'),
        { mode: 0o755 },
      );
      const { ctx, saved, progress } = context(
        { url: 'https://clips.twitch.tv/CleverSlug-AbC123', source: 'twitch', maxBytes: 12345678 },
        { download: { ...testSettings, ytDlpBinary: fake, ytDlpArgs: ['--proxy', 'socks5://p'] } },
      );
      const result = await downloadHandler(ctx);

      expect(result.mediaId).toBe('media-1');
      expect(saved[0]!.fileName).toBe('CleverSlug-AbC123.mp4');
      expect(progress).toContain(45);
      const args = readFileSync(argsFile, 'utf8').trim().split('\n');
      expect(args.slice(0, 3)).toEqual(['--ignore-config', '--proxy', 'socks5://p']);
      expect(args[args.indexOf('--max-filesize') + 1]).toBe('12345678');
      expect(args.slice(-2)).toEqual(['--', 'https://clips.twitch.tv/CleverSlug-AbC123']);
    });
  });

  describe('artifact export (ARTIFACTS_DIR)', () => {
    const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

    it('exports the downloaded clip with thumbnail, manifest and .DONE', async () => {
      const dir = join(mkdtempSync(join(folder, 'artifacts-')), 'created');
      const artifacts = { dir, worker: 'render-01' };
      const { ctx, logs } = context({}, { download: { ...testSettings, artifacts } });
      const result = await downloadHandler(ctx);

      expect(result.mediaId).toBe('media-1');
      const entries = readdirSync(dir);
      expect(entries).toEqual([expect.stringMatching(/^clip_clip-1_Best_Play_\d{8}T\d{6}Z$/)]);
      const artifact = join(dir, entries[0]!);
      expect(readdirSync(artifact).sort()).toEqual([
        '.DONE',
        'Best_Play.mp4',
        'manifest.json',
        'thumbnail.jpg',
      ]);
      expect(readFileSync(join(artifact, 'Best_Play.mp4')).equals(readFileSync(clip))).toBe(true);
      const manifest = JSON.parse(readFileSync(join(artifact, 'manifest.json'), 'utf8'));
      expect(manifest).toEqual({
        kind: 'clip',
        version: 1,
        clipId: 'clip-1',
        jobId: 'job-1',
        mediaId: 'media-1',
        sourceUrl: ctx.payload.url,
        source: 'external',
        fileName: 'Best_Play.mp4',
        sizeBytes: readFileSync(clip).length,
        sha256: sha256(clip),
        durationSeconds: result.durationSeconds,
        width: 320,
        height: 240,
        worker: 'render-01',
        createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      });
      const stamp = (manifest.createdAt as string).replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
      expect(entries[0]!.endsWith(`_${stamp}`)).toBe(true);
      expect(logs).toContain(`Exported ${entries[0]} to ARTIFACTS_DIR ${dir}`);
    });

    it('exports nothing when ARTIFACTS_DIR is unset', async () => {
      const dir = mkdtempSync(join(folder, 'artifacts-'));
      const previous = process.env.ARTIFACTS_DIR;
      // Settings passed by the runner win over the environment.
      process.env.ARTIFACTS_DIR = dir;
      try {
        const { ctx, logs } = context({});
        await downloadHandler(ctx);
        expect(readdirSync(dir)).toEqual([]);
        expect(logs.filter((line) => /artifact/i.test(line))).toEqual([]);
      } finally {
        if (previous === undefined) delete process.env.ARTIFACTS_DIR;
        else process.env.ARTIFACTS_DIR = previous;
      }
    });

    it('reads ARTIFACTS_DIR from the environment inside the API (embedded mode)', async () => {
      const dir = mkdtempSync(join(folder, 'artifacts-'));
      const saved = { ...process.env };
      process.env.ARTIFACTS_DIR = dir;
      process.env.DOWNLOAD_ALLOW_PRIVATE_NETWORKS = 'true';
      try {
        const { ctx } = context({}, { download: undefined });
        await downloadHandler(ctx);
      } finally {
        for (const name of ['ARTIFACTS_DIR', 'DOWNLOAD_ALLOW_PRIVATE_NETWORKS']) {
          if (saved[name] === undefined) delete process.env[name];
          else process.env[name] = saved[name];
        }
      }
      const [entry] = readdirSync(dir);
      const manifest = JSON.parse(readFileSync(join(dir, entry!, 'manifest.json'), 'utf8'));
      expect(manifest.worker).toBe('embedded');
      expect(existsSync(join(dir, entry!, '.DONE'))).toBe(true);
    });

    it('still succeeds, with a warning in the job log, when ARTIFACTS_DIR is not writable', async () => {
      // Tests run as root, which chmod does not stop: a path under a regular file fails for all.
      const file = join(mkdtempSync(join(folder, 'artifacts-')), 'a-file');
      writeFileSync(file, '');
      const artifacts = { dir: join(file, 'artifacts'), worker: 'render-01' };
      const { ctx, logs, saved, progress } = context(
        {},
        { download: { ...testSettings, artifacts } },
      );
      const result = await downloadHandler(ctx);

      expect(result.mediaId).toBe('media-1');
      expect(saved).toHaveLength(1);
      expect(progress.at(-1)).toBe(100);
      expect(logs.filter((line) => line.startsWith('Warning:'))).toEqual([
        `Warning: artifact export to ARTIFACTS_DIR ${file}/artifacts failed, nothing exported ` +
          `(the clip is in the library): ENOTDIR: not a directory, mkdir '${file}/artifacts'`,
      ]);
      expect(readdirSync(join(file, '..'))).toEqual(['a-file']);
    });
  });
});
