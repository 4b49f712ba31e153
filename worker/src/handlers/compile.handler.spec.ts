import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompilePayload } from '@clippyfront/shared';
import { loadCompileSettings } from '../compile/compile-settings.js';
import { makeClip } from '../compile/test-media.spec-helper.js';
import { locateFfmpeg, type FfmpegLocation } from '../ffmpeg/ffmpeg-locator.js';
import { compileHandler } from './compile.handler.js';
import type { JobContext } from './job-context.js';

let folder: string;
let clip: string;
let ffmpeg: FfmpegLocation;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'clippyfront-compile-handler-spec-'));
  clip = await makeClip(folder, 'clip', {
    width: 320,
    height: 240,
    fps: 15,
    seconds: 1,
    rgb: [255, 0, 0],
    audio: { channels: 2, rate: 48_000 },
  });
  ffmpeg = await locateFfmpeg({});
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const payload: CompilePayload = {
  projectId: 'project-1',
  outputName: 'Best of May',
  output: { width: 320, height: 240, fps: 15, crf: 35 },
  clips: [
    {
      clipId: 'clip-1',
      mediaId: 'media-clip-1',
      title: 'Big play',
      creatorName: 'streamer_1',
      gameName: null,
      avatarAvailable: false,
      maxSeconds: 30,
    },
  ],
  transitions: [],
  randomizeTransitions: false,
  seed: 1,
  watermark: false,
  loudnorm: false,
};

function context(artifactsDir: string | null) {
  const root = mkdtempSync(join(folder, 'job-'));
  const workDir = join(root, 'work');
  mkdirSync(workDir);
  const saved: { fileName: string; sha256: string }[] = [];
  const logs: string[] = [];
  const ctx: JobContext<'compile'> = {
    jobId: 'job-1',
    payload,
    attempt: 1,
    signal: new AbortController().signal,
    ffmpeg,
    download: {
      allowPrivateNetworks: false,
      timeoutSeconds: 10,
      ytDlpArgs: [],
      artifacts: artifactsDir ? { dir: artifactsDir, worker: 'render-01' } : undefined,
    },
    compile: {
      ...loadCompileSettings({ COMPILE_CACHE_DIR: join(folder, 'cache') }),
      disableNvenc: true,
    },
    workDir,
    media: {
      input: async () => ({ url: clip, inputOptions: [] }),
      localCopy: async () => clip,
      avatar: async () => null,
      saveThumbnail: () => Promise.reject(new Error('not in this test')),
      saveOutput: async (path, fileName) => {
        saved.push({
          fileName,
          sha256: createHash('sha256').update(readFileSync(path)).digest('hex'),
        });
        return { mediaId: 'm1' };
      },
    },
    progress: () => undefined,
    log: (line) => logs.push(line),
  };
  return { ctx, saved, logs, root };
}

describe('compileHandler (real ffmpeg)', () => {
  it('renders, saves the MP4 to the library, then exports it to ARTIFACTS_DIR', async () => {
    const artifacts = join(folder, 'artifacts');
    const { ctx, saved, logs } = context(artifacts);
    const result = await compileHandler(ctx);

    expect(result).toMatchObject({ mediaId: 'm1', encoder: 'libx264' });
    expect(result.chapters).toEqual([{ startSeconds: 0, title: 'Big play — streamer_1' }]);
    expect(result.durationSeconds).toBeGreaterThan(0.5);
    expect(result.durationSeconds).toBeLessThan(1.5);
    expect(result.sizeBytes).toBeGreaterThan(0);
    expect(result.chaptersText).toBe('00:00 Big play — streamer_1\n');
    expect(saved).toEqual([{ fileName: 'Best_of_May.mp4', sha256: expect.any(String) }]);

    const [name, ...others] = readdirSync(artifacts);
    expect(others).toEqual([]);
    expect(name).toMatch(/^project-1_Best_of_May_\d{8}T\d{6}Z$/);
    const dir = join(artifacts, name!);
    expect(readdirSync(dir).sort()).toEqual([
      '.DONE',
      'Best_of_May.mp4',
      'chapters.txt',
      'manifest.json',
      'thumbnail.jpg',
    ]);
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({
      kind: 'compilation',
      projectId: 'project-1',
      jobId: 'job-1',
      mediaId: 'm1',
      fileName: 'Best_of_May.mp4',
      sizeBytes: result.sizeBytes,
      sha256: saved[0]!.sha256,
      width: 320,
      height: 240,
      fps: 15,
      encoder: 'libx264',
      worker: 'render-01',
    });
    expect(readFileSync(join(dir, 'chapters.txt'), 'utf8')).toBe(result.chaptersText);
    expect(logs).toContain(`Exported ${name} to ARTIFACTS_DIR ${artifacts}`);
  });

  it('completes with a warning when ARTIFACTS_DIR cannot be written', async () => {
    const blocker = join(folder, 'blocker');
    writeFileSync(blocker, '');
    const { ctx, saved, logs } = context(join(blocker, 'artifacts'));
    const result = await compileHandler(ctx);

    expect(result.mediaId).toBe('m1');
    expect(saved).toHaveLength(1);
    expect(logs).toContainEqual(
      expect.stringMatching(
        /^Warning: artifact export to ARTIFACTS_DIR .*blocker\/artifacts failed, nothing exported \(the compilation is in the library\): .*ENOTDIR/,
      ),
    );
  });
});
