import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompileClipInput, CompileMediaRef, CompilePayload } from '@clippyfront/shared';
import { compileVideo, type CompileRequest } from './compile.js';
import { loadCompileSettings, type CompileSettings } from './compile-settings.js';
import { layoutOverlay } from './overlay-layout.js';
import {
  decodeWarnings,
  durationsOf,
  FFMPEG,
  FFPROBE,
  loudnessOf,
  makeClip,
  makeImage,
  near,
  pixelAt,
  type Rgb,
} from './test-media.spec-helper.js';

const withFfmpeg = existsSync(FFMPEG) && existsSync(FFPROBE) ? describe : describe.skip;

const OUT = { width: 320, height: 180, fps: 30, crf: 28 };
const RED: Rgb = [255, 0, 0];
const GREEN: Rgb = [0, 255, 0];
const BLUE: Rgb = [0, 0, 255];
const YELLOW: Rgb = [255, 255, 0];
const MAGENTA: Rgb = [255, 0, 255];
const CYAN: Rgb = [0, 255, 255];
const ORANGE: Rgb = [255, 128, 0];
const PURPLE: Rgb = [128, 0, 255];
const BLACK: Rgb = [0, 0, 0];
const WHITE: Rgb = [255, 255, 255];

let root: string;
const files = new Map<string, string>();

const clip = (mediaId: string, extra: Partial<CompileClipInput> = {}): CompileClipInput => ({
  clipId: `clip-of-${mediaId}`,
  mediaId,
  title: `Title ${mediaId}`,
  creatorName: `creator_${mediaId}`,
  gameName: 'Just Chatting',
  avatarAvailable: false,
  maxSeconds: 30,
  ...extra,
});
const ref = (mediaId: string): CompileMediaRef => ({ mediaId, name: `${mediaId}.mp4` });

function request(
  payload: CompilePayload,
  overrides: Partial<CompileSettings> & { name: string },
  logs: string[] = [],
  percents: number[] = [],
): CompileRequest {
  const work = join(root, 'work', overrides.name);
  mkdirSync(work, { recursive: true });
  return {
    payload,
    ffmpegPath: FFMPEG,
    ffprobePath: FFPROBE,
    settings: {
      ...loadCompileSettings({}),
      cacheDir: join(root, 'cache'),
      segmentConcurrency: 2,
      ...overrides,
    },
    sources: {
      clipInput: async (c) => ({ url: files.get(c.mediaId)!, inputOptions: [] }),
      assetFile: async (r) => files.get(r.mediaId)!,
      avatarFile: async () => files.get('avatar')!,
    },
    workDir: work,
    outputPath: join(work, 'out.mp4'),
    signal: new AbortController().signal,
    progress: (p) => percents.push(p),
    log: (line) => logs.push(line),
  };
}

const payload: CompilePayload = {
  projectId: 'p1',
  output: OUT,
  intro: ref('intro'),
  outro: ref('outro'),
  clips: [
    clip('a', { avatarAvailable: true }),
    clip('b', { creatorName: null }),
    clip('c', { maxSeconds: 1.5 }),
    clip('d'),
  ],
  transitions: [ref('t1'), ref('t2')],
  randomizeTransitions: false,
  seed: 1,
  watermark: true,
};

const quietLoud = { width: 256, height: 144, fps: 30, seconds: 2 };

withFfmpeg('compileVideo (real ffmpeg)', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clippyfront-compile-spec-'));
    const media = join(root, 'media');
    mkdirSync(media);
    const make = async (name: string, spec: Parameters<typeof makeClip>[2]) =>
      files.set(name, await makeClip(media, name, spec));
    const stereo = { channels: 2 as const, rate: 48000 };
    await Promise.all([
      // "1080p60" and "720p30" at a reduced scale; b has no audio, c is mono 44.1 kHz.
      make('a', { width: 384, height: 216, fps: 60, seconds: 1.7, rgb: RED, audio: stereo }),
      make('b', { width: 256, height: 144, fps: 30, seconds: 1.5, rgb: GREEN, audio: null }),
      make('c', {
        width: 384,
        height: 216,
        fps: 60,
        seconds: 3,
        rgb: BLUE,
        audio: { channels: 1, rate: 44100 },
      }),
      make('d', {
        width: 256,
        height: 144,
        fps: 30,
        seconds: 1.5,
        rgb: YELLOW,
        audio: { channels: 2, rate: 44100 },
      }),
      // 4:3 at 25 fps: pillarboxed into 16:9, converted to 30 fps.
      make('intro', { width: 240, height: 180, fps: 25, seconds: 1, rgb: MAGENTA, audio: stereo }),
      make('outro', { width: 256, height: 144, fps: 30, seconds: 1, rgb: CYAN, audio: stereo }),
      make('t1', { width: 256, height: 144, fps: 30, seconds: 1, rgb: ORANGE, audio: stereo }),
      make('t2', { width: 256, height: 144, fps: 30, seconds: 1, rgb: PURPLE, audio: null }),
      // About -36 and -6 LUFS.
      make('quiet', { ...quietLoud, rgb: RED, audio: { ...stereo, volume: 0.2 } }),
      make('loud', { ...quietLoud, rgb: GREEN, audio: { ...stereo, volume: 6 } }),
    ]);
    files.set('avatar', makeImage(media, 'avatar', 64, WHITE));
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  // Intro, S, a, S, t1, S, b, S, t2, S, c, S, t1, S, d, S, outro.
  const expected: { rgb: Rgb | 'static'; seconds: number }[] = [
    { rgb: MAGENTA, seconds: 1 },
    { rgb: RED, seconds: 1.7 },
    { rgb: ORANGE, seconds: 1 },
    { rgb: GREEN, seconds: 1.5 },
    { rgb: PURPLE, seconds: 1 },
    { rgb: BLUE, seconds: 1.5 },
    { rgb: ORANGE, seconds: 1 },
    { rgb: YELLOW, seconds: 1.5 },
    { rgb: CYAN, seconds: 1 },
  ].flatMap((segment, i) =>
    i === 0 ? [segment] : [{ rgb: 'static' as const, seconds: 0.5 }, segment],
  );
  const total = expected.reduce((sum, s) => sum + s.seconds, 0);

  it('renders intro, clips, transitions, bumpers and outro in order, exact and clean', async () => {
    const logs: string[] = [];
    const percents: number[] = [];
    const req = request(payload, { name: 'first' }, logs, percents);
    const result = await compileVideo(req);

    expect(result.encoder).toBe('libx264');
    expect(Math.abs(result.durationSeconds - total)).toBeLessThanOrEqual(0.1);
    const d = await durationsOf(result.mediaPath);
    expect(Math.abs(d.format - total)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(d.video - d.audio)).toBeLessThanOrEqual(0.05);
    expect(Math.abs(d.videoEnd - d.audioEnd)).toBeLessThanOrEqual(0.05);
    expect(await decodeWarnings(result.mediaPath)).toBe('');

    let at = 0;
    for (const segment of expected) {
      const pixel = await pixelAt(result.mediaPath, at + segment.seconds / 2, 160, 40);
      if (segment.rgb === 'static') {
        expect(Math.max(...pixel) - Math.min(...pixel)).toBeLessThanOrEqual(40);
      } else {
        expect({ at, pixel, ok: near(pixel, segment.rgb) }).toEqual({ at, pixel, ok: true });
      }
      at += segment.seconds;
    }
    // The 4:3 intro is pillarboxed, not stretched.
    expect(near(await pixelAt(result.mediaPath, 0.5, 4, 90), BLACK)).toBe(true);
    // Clip a (1.5 s – 3.2 s) shows its creator box with the avatar from 1/3 of its length.
    const layout = layoutOverlay({
      ...OUT,
      creator: 'creator_a',
      game: 'Just Chatting',
      withAvatar: true,
    });
    const { avatar, box } = layout;
    const inAvatar = await pixelAt(result.mediaPath, 2.9, avatar!.x + 4, avatar!.y + 4);
    expect(near(inAvatar, WHITE)).toBe(true);
    const inBox = await pixelAt(result.mediaPath, 2.9, box.x + box.w - 2, box.y + 2);
    expect(inBox[0]).toBeLessThan(180);
    expect(near(await pixelAt(result.mediaPath, 1.7, box.x + 2, box.y + 2), RED)).toBe(true);

    expect(result.chapters.map((c) => c.title)).toEqual([
      'Intro',
      'Title a — creator_a',
      'Title b',
      'Title c — creator_c',
      'Title d — creator_d',
      'Outro',
    ]);
    expect(result.chapters[1]!.startSeconds).toBeCloseTo(1.5, 3);
    expect(result.chaptersText.split('\n')[0]).toBe('00:00 Intro');
    const probed = execFileSync(FFPROBE, [
      '-v',
      'error',
      '-show_chapters',
      '-of',
      'json',
      result.mediaPath,
    ]);
    expect((JSON.parse(probed.toString()) as { chapters: unknown[] }).chapters).toHaveLength(6);

    const concatenating = logs.filter((l) => l.startsWith('Concatenating: '));
    expect(concatenating).toHaveLength(17);
    expect(concatenating[0]).toBe('Concatenating: intro.mp4 (1 of 17)');
    expect(concatenating[1]).toBe('Concatenating: Static (2 of 17)');
    expect(concatenating[16]).toBe('Concatenating: outro.mp4 (17 of 17)');
    for (const line of [
      'Preparing clips',
      'Processing clip 1/4: Title a',
      'Adding intro and outro',
      'Compiling final video',
    ]) {
      expect(logs).toContain(line);
    }
    expect(percents).toEqual([...percents].sort((x, y) => x - y));
    expect(percents.at(-1)).toBe(100);
    expect(readdirSync(req.workDir)).toEqual(['out.mp4']);
  });

  it('reuses the cached intro, outro, transitions and bumper on the next compile', async () => {
    const cacheDir = join(root, 'cache');
    const movs = () => readdirSync(cacheDir).filter((name) => name.endsWith('.mov'));
    expect(movs()).toHaveLength(5);
    const mtimes = movs().map((name) => statSync(join(cacheDir, name)).mtimeMs);
    // An entry unused for two days, over the cache's limit: trimmed after the compile.
    const dayAgo = (Date.now() - 48 * 3600 * 1000) / 1000;
    for (const ext of ['mov', 'pcm', 'json']) {
      writeFileSync(join(cacheDir, `unused.${ext}`), Buffer.alloc(1000));
      utimesSync(join(cacheDir, `unused.${ext}`), dayAgo, dayAgo);
    }
    const logs: string[] = [];
    const limit = { cacheMaxBytes: 1000 };
    const result = await compileVideo(request(payload, { name: 'second', ...limit }, logs));
    expect(logs).toContain(
      'Compile cache: removed 1 segment(s) unused the longest (0 MB), over COMPILE_CACHE_MAX_MB',
    );
    expect(existsSync(join(cacheDir, 'unused.mov'))).toBe(false);
    expect(Math.abs(result.durationSeconds - total)).toBeLessThanOrEqual(0.1);
    const assetLines = logs.filter((l) => /^(intro|outro|transition|bumper) /.test(l));
    expect(assetLines).toHaveLength(5);
    expect(assetLines.every((l) => l.endsWith('reused from cache'))).toBe(true);
    expect(movs().map((name) => statSync(join(cacheDir, name)).mtimeMs)).toEqual(mtimes);
    expect(readdirSync(cacheDir).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
  });

  it('kills every ffmpeg and removes every temporary file when cancelled', async () => {
    const abort = new AbortController();
    const cacheDir = join(root, 'cancel-cache');
    // -re: ffmpeg reads at the speed of playback, so the cancel lands mid-encode.
    // All segments at once, so clips and cache entries are both being written.
    const settings = { name: 'cancel', cacheDir, globalArgs: ['-re'], segmentConcurrency: 20 };
    const req = request(payload, settings);
    let runningWhenCancelled = '';
    req.signal = abort.signal;
    req.progress = (percent) => {
      if (percent < 3 || abort.signal.aborted) return;
      runningWhenCancelled = spawnSync('pgrep', ['-f', root]).stdout.toString();
      abort.abort();
    };
    await expect(compileVideo(req)).rejects.toThrow('Cancelled');
    expect(runningWhenCancelled.trim().split('\n').length).toBeGreaterThanOrEqual(2);
    expect(spawnSync('pgrep', ['-f', root]).stdout.toString()).toBe('');
    expect(readdirSync(req.workDir)).toEqual([]);
    // Entries finished before the cancel stay (whole); nothing half-written does.
    const cached = readdirSync(cacheDir);
    expect(cached.filter((name) => name.startsWith('.tmp-'))).toEqual([]);
    expect(cached.filter((name) => name.endsWith('.mov')).length * 3).toBe(cached.length);
  });

  it('fails with the reason when a clip is unreadable, leaving nothing behind', async () => {
    const broken = join(root, 'media', 'broken.mp4');
    writeFileSync(broken, 'not a video');
    const req = request({ ...payload, clips: [clip('a'), clip('broken')] }, { name: 'broken' });
    req.sources.clipInput = async (c) => ({
      url: c.mediaId === 'broken' ? broken : files.get(c.mediaId)!,
      inputOptions: [],
    });
    await expect(compileVideo(req)).rejects.toThrow(/ffprobe could not read .*broken\.mp4/);
    expect(spawnSync('pgrep', ['-f', req.workDir]).stdout.toString()).toBe('');
    expect(readdirSync(req.workDir)).toEqual([]);
  });

  it('fails with the error of the soundtrack encoder when that is what breaks', async () => {
    const fake = join(root, 'ffmpeg-bad-audio');
    writeFileSync(
      fake,
      [
        '#!/bin/bash',
        'for a in "$@"; do [ "$a" = pipe:0 ] && { echo "Soundtrack broke (fake)" >&2; exit 1; }; done',
        `exec ${FFMPEG} "$@"`,
      ].join('\n'),
      { mode: 0o755 },
    );
    const req = request(payload, { name: 'bad-audio' });
    req.ffmpegPath = fake;
    await expect(compileVideo(req)).rejects.toThrow('Soundtrack broke (fake)');
    expect(spawnSync('pgrep', ['-f', req.workDir]).stdout.toString()).toBe('');
    expect(readdirSync(req.workDir)).toEqual([]);
  });

  it('evens out the loudness of the clips (EBU R128), unless loudnorm is off', async () => {
    const quietThenLoud: CompilePayload = {
      ...payload,
      intro: null,
      outro: null,
      transitions: [],
      clips: [clip('quiet'), clip('loud')],
      watermark: false,
    };
    // Quiet clip, static 0.5 s, loud clip: measured well inside each clip.
    const levels = async (file: string) => [
      await loudnessOf(file, 0.3, 1.4),
      await loudnessOf(file, 2.8, 1.4),
    ];
    const evened = await compileVideo(request(quietThenLoud, { name: 'loudness' }));
    const [quiet, loud] = await levels(evened.mediaPath);
    expect(Math.abs(quiet! - loud!)).toBeLessThanOrEqual(1);
    expect(Math.abs(quiet! + 16)).toBeLessThanOrEqual(1);
    const d = await durationsOf(evened.mediaPath);
    expect(Math.abs(d.video - d.audio)).toBeLessThanOrEqual(0.05);
    expect(await decodeWarnings(evened.mediaPath)).toBe('');

    const asIs = await compileVideo(
      request({ ...quietThenLoud, loudnorm: false }, { name: 'loudness-off' }),
    );
    const [quietAsIs, loudAsIs] = await levels(asIs.mediaPath);
    expect(loudAsIs! - quietAsIs!).toBeGreaterThan(25);
  });

  const small: CompilePayload = {
    ...payload,
    intro: null,
    outro: null,
    transitions: [],
    clips: [clip('a'), clip('b'), clip('d')],
    watermark: false,
  };

  it('falls back to libx264 when the NVENC test encode fails', async () => {
    // Lists h264_nvenc, and fails every run that asks for it (as without a GPU).
    const fake = join(root, 'ffmpeg-no-gpu');
    writeFileSync(
      fake,
      [
        '#!/bin/bash',
        'for a in "$@"; do',
        '  [ "$a" = -encoders ] && { ' +
          FFMPEG +
          ' "$@"; echo " V....D h264_nvenc  NVIDIA NVENC H.264 encoder (codec h264)"; exit 0; }',
        '  [ "$a" = h264_nvenc ] && { echo "Cannot load libcuda.so.1 (fake)" >&2; exit 1; }',
        'done',
        'exec ' + FFMPEG + ' "$@"',
      ].join('\n'),
      { mode: 0o755 },
    );
    const logs: string[] = [];
    const req = request(small, { name: 'no-gpu' }, logs);
    req.ffmpegPath = fake;
    const result = await compileVideo(req);
    expect(result.encoder).toBe('libx264');
    expect(logs).toContainEqual(
      expect.stringMatching(/^Encoder: libx264 \(NVENC test encode failed: .*libcuda/),
    );
    expect(await decodeWarnings(result.mediaPath)).toBe('');
  });

  it('redoes on the CPU a segment whose NVENC encode fails mid-job, and those NVENC made', async () => {
    // "NVENC" works (x264 stands in for it) except for the second clip's encode.
    const fake = join(root, 'ffmpeg-flaky-gpu');
    writeFileSync(
      fake,
      [
        '#!/bin/bash',
        'args=(); nvenc=0; fail=0',
        'for a in "$@"; do',
        '  case "$a" in *clip-1-h264_nvenc.mov) fail=1 ;; esac',
        '  if [ "$a" = h264_nvenc ]; then nvenc=1; a=libx264; fi',
        '  args+=("$a")',
        'done',
        '[ $nvenc = 1 ] && [ $fail = 1 ] && { echo "OpenEncodeSessionEx failed (fake)" >&2; exit 1; }',
        'exec ' + FFMPEG + ' "${args[@]}"',
      ].join('\n'),
      { mode: 0o755 },
    );
    const logs: string[] = [];
    const cacheDir = join(root, 'flaky-gpu-cache');
    const settings = {
      name: 'flaky-gpu',
      cacheDir,
      nvencPreset: 'veryfast',
      segmentConcurrency: 1,
    };
    const req = request(small, settings, logs);
    req.ffmpegPath = fake;
    const result = await compileVideo(req);
    expect(logs).toContain('Encoder: h264_nvenc (NVENC test encode succeeded)');
    expect(logs).toContainEqual(
      expect.stringMatching(
        /^NVENC failed on Title b, switching to libx264: .*OpenEncodeSessionEx/,
      ),
    );
    // Clip a was made with NVENC before the failure; clip d and the bumper come after it.
    expect(logs).toContain('Re-encoding 1 segment(s) made with NVENC, so every segment matches');
    expect(result.encoder).toBe('libx264');
    expect(Math.abs(result.durationSeconds - (1.7 + 1.5 + 1.5 + 1))).toBeLessThanOrEqual(0.1);
    expect(await decodeWarnings(result.mediaPath)).toBe('');
  });
});
