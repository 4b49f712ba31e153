import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CompileClipInput, CompileOutputProfile, CompilePayload } from '@clippyfront/shared';
import { compileVideo, type CompileRequest } from './compile.js';
import { loadCompileSettings } from './compile-settings.js';
import { decodeWarnings, durationsOf, FFMPEG, FFPROBE } from './test-media.spec-helper.js';

const execFileAsync = promisify(execFile);
const withFfmpeg = existsSync(FFMPEG) && existsSync(FFPROBE) ? describe : describe.skip;

let root: string;
const files = new Map<string, string>();

/** A clip with moving, grainy picture and a tone: it compresses like real footage, not like a solid colour. */
async function makeBusyClip(name: string, width: number, height: number, seconds: number) {
  const file = join(root, 'media', `${name}.mp4`);
  await execFileAsync(FFMPEG, [
    ...['-v', 'error', '-y', '-f', 'lavfi'],
    ...['-i', `testsrc2=s=${width}x${height}:r=30:d=${seconds},noise=alls=12:allf=t`],
    ...['-f', 'lavfi', '-i', `sine=frequency=330:sample_rate=48000:duration=${seconds}`],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', file],
  ]);
  files.set(name, file);
}

const clip = (mediaId: string, extra: Partial<CompileClipInput> = {}): CompileClipInput => ({
  clipId: `clip-of-${mediaId}`,
  mediaId,
  title: `Title ${mediaId}`,
  creatorName: `creator_${mediaId}`,
  gameName: null,
  avatarAvailable: false,
  maxSeconds: 30,
  ...extra,
});

function request(output: CompileOutputProfile, clips: CompileClipInput[], name: string) {
  const work = join(root, 'work', name);
  mkdirSync(work, { recursive: true });
  const payload: CompilePayload = {
    projectId: 'p1',
    output,
    clips,
    transitions: [],
    randomizeTransitions: false,
    seed: 1,
    watermark: false,
  };
  const logs: string[] = [];
  const req: CompileRequest = {
    payload,
    ffmpegPath: FFMPEG,
    ffprobePath: FFPROBE,
    settings: {
      ...loadCompileSettings({}),
      disableNvenc: true,
      disableOverlay: true,
      cacheDir: join(root, 'cache'),
      segmentConcurrency: 2,
    },
    sources: {
      clipInput: async (c) => ({ url: files.get(c.mediaId)!, inputOptions: [] }),
      assetFile: async (r) => files.get(r.mediaId)!,
      avatarFile: async () => null,
    },
    workDir: work,
    outputPath: join(work, `out.${output.format ?? 'mp4'}`),
    signal: new AbortController().signal,
    progress: () => {},
    log: (line) => logs.push(line),
  };
  return { req, logs };
}

interface Probed {
  format: { format_name: string; duration: string };
  streams: {
    codec_type: string;
    codec_name: string;
    width?: number;
    height?: number;
    r_frame_rate?: string;
  }[];
  chapters: { start_time: string; tags: { title: string } }[];
}

async function probe(file: string): Promise<Probed> {
  const { stdout } = await execFileAsync(FFPROBE, [
    ...['-v', 'error', '-show_chapters', '-of', 'json'],
    ...[
      '-show_entries',
      'format=format_name,duration:stream=codec_type,codec_name,width,height,r_frame_rate',
    ],
    file,
  ]);
  return JSON.parse(stdout) as Probed;
}

const codecs = (p: Probed) => p.streams.map((s) => `${s.codec_type}:${s.codec_name}`).sort();
const video = (p: Probed) => p.streams.find((s) => s.codec_type === 'video')!;

withFfmpeg('compileVideo output formats (real ffmpeg)', () => {
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clippyfront-formats-spec-'));
    mkdirSync(join(root, 'media'));
    await Promise.all([
      makeBusyClip('a', 320, 180, 0.6),
      makeBusyClip('b', 320, 180, 0.6),
      makeBusyClip('big', 640, 360, 2),
    ]);
  }, 60_000);

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('makes WebM: VP9 + Opus at 25 fps, with chapters named by title or file name', async () => {
    const { req, logs } = request(
      { width: 256, height: 144, fps: 25, crf: 28, format: 'webm' },
      [clip('a'), clip('b', { title: null, fileName: 'big-play.mp4', creatorName: null })],
      'webm',
    );
    const result = await compileVideo(req);
    const probed = await probe(result.mediaPath);
    expect(probed.format.format_name).toContain('webm');
    expect(codecs(probed)).toEqual(['audio:opus', 'video:vp9']);
    expect(video(probed)).toMatchObject({ width: 256, height: 144, r_frame_rate: '25/1' });
    // 0.6 s + 0.5 s static + 0.6 s
    expect(Math.abs(Number(probed.format.duration) - 1.7)).toBeLessThanOrEqual(0.1);
    expect(probed.chapters.map((c) => c.tags.title)).toEqual(['Title a — creator_a', 'big-play']);
    // The 0.5 s of static is 13 whole frames at 25 fps.
    expect(Number(probed.chapters[1]!.start_time)).toBeCloseTo(0.6 + 13 / 25, 2);
    expect(result.encoder).toBe('libvpx-vp9');
    expect(logs).toContain('Processing clip 2/2: big-play');
    expect(await decodeWarnings(result.mediaPath)).toBe('');
  }, 120_000);

  it('makes MKV: H.264 + AAC at 1440p 24 fps, with chapters', async () => {
    const { req } = request(
      { width: 2560, height: 1440, fps: 24, crf: 28, format: 'mkv' },
      [clip('a', { maxSeconds: 0.5 }), clip('b', { maxSeconds: 0.5 })],
      'mkv',
    );
    const result = await compileVideo(req);
    const probed = await probe(result.mediaPath);
    expect(probed.format.format_name).toContain('matroska');
    expect(codecs(probed)).toEqual(['audio:aac', 'video:h264']);
    expect(video(probed)).toMatchObject({ width: 2560, height: 1440, r_frame_rate: '24/1' });
    expect(Math.abs(Number(probed.format.duration) - 1.5)).toBeLessThanOrEqual(0.1);
    expect(probed.chapters.map((c) => c.tags.title)).toEqual([
      'Title a — creator_a',
      'Title b — creator_b',
    ]);
    const durations = await durationsOf(result.mediaPath);
    expect(Math.abs(durations.videoEnd - durations.audioEnd)).toBeLessThan(0.05);
  }, 180_000);

  it('keeps the generated static bumpers a small share of an MP4 (50 fps)', async () => {
    const { req } = request(
      { width: 640, height: 360, fps: 50, crf: 23, format: 'mp4' },
      [clip('big'), clip('big'), clip('big')],
      'bumper',
    );
    const result = await compileVideo(req);
    const probed = await probe(result.mediaPath);
    expect(probed.format.format_name).toContain('mp4');
    expect(video(probed)).toMatchObject({ width: 640, height: 360, r_frame_rate: '50/1' });
    expect(probed.chapters).toHaveLength(3);
    // Clips 0–2, 2.5–4.5, 5–7: the static is at 2–2.5 and 4.5–5.
    const { stdout } = await execFileAsync(FFPROBE, [
      ...['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time,size'],
      ...['-of', 'csv=p=0', result.mediaPath],
    ]);
    let bumper = 0;
    let total = 0;
    for (const line of stdout.trim().split('\n')) {
      const [pts, size] = line.split(',').map(Number);
      total += size!;
      if ((pts! >= 2 - 1e-3 && pts! < 2.5 - 1e-3) || (pts! >= 4.5 - 1e-3 && pts! < 5 - 1e-3)) {
        bumper += size!;
      }
    }
    // 1 s of static in 7 s: at most its share of the time; uncapped noise was most of the file.
    expect(bumper / total).toBeLessThan(0.1);
  }, 120_000);
});
