import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { concatList } from './concat.js';
import {
  audioFilter,
  normalizeSegment,
  parseLoudness,
  segmentFrames,
  videoFilter,
} from './normalize.js';
import { segmentThreads } from './segment-tasks.js';
import { FFMPEG, FFPROBE } from './test-media.spec-helper.js';

const execFileAsync = promisify(execFile);
const withFfmpeg = existsSync(FFMPEG) ? it : it.skip;
const profile = { width: 320, height: 180, fps: 30, crf: 30 };

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clippyfront-normalize-spec-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('normalize', () => {
  it('counts whole output frames, cut to the clip maximum, never zero', () => {
    const source = { durationSeconds: 12.34, hasAudio: true };
    expect(segmentFrames({ source, profile })).toBe(370);
    expect(segmentFrames({ source, profile, maxSeconds: 10 })).toBe(300);
    expect(segmentFrames({ source: { durationSeconds: 0.001, hasAudio: false }, profile })).toBe(1);
  });

  it('letterboxes at the output rate and cuts at an exact frame; audio to the exact sample', () => {
    expect(videoFilter(profile, 45)).toBe(
      'fps=30:start_time=0,' +
        'scale=320:180:force_original_aspect_ratio=decrease:force_divisible_by=2,' +
        'pad=320:180:(ow-iw)/2:(oh-ih)/2:color=black,setsar=1,format=yuv420p,' +
        'tpad=stop=-1:stop_mode=clone,trim=end_frame=45,setpts=PTS-STARTPTS',
    );
    expect(audioFilter(true, 72000)).toBe(
      '[0:a:0]aresample=48000:async=1:first_pts=0,aformat=sample_fmts=fltp:channel_layouts=stereo,' +
        'apad,atrim=end_sample=72000,asetpts=N/SR/TB[a]',
    );
    expect(audioFilter(false, 800)).toMatch(/^anullsrc=r=48000:cl=stereo,.*atrim=end_sample=800,/);
  });

  it('measures the loudness in the same pass, into a file whose path is escaped', () => {
    expect(audioFilter(true, 800, "/tmp/it's, a:b.r128")).toBe(
      '[0:a:0]aresample=48000:async=1:first_pts=0,aformat=sample_fmts=fltp:channel_layouts=stereo,' +
        'apad,atrim=end_sample=800,asetpts=N/SR/TB,' +
        String.raw`ebur128=metadata=1,ametadata=mode=print:key=lavfi.r128.I:file=/tmp/it\\\'s\, a\\:b.r128[a]`,
    );
    // Silence needs no measuring.
    expect(audioFilter(false, 800, '/tmp/x.r128')).not.toContain('ebur128');
  });

  it("reads the segment's loudness from the last value printed; silence is none", () => {
    const printed = (values: string[]) =>
      values.map((v, i) => `frame:${i}    pts:${i * 4800}\nlavfi.r128.I=${v}\n`).join('');
    expect(parseLoudness(printed(['-70.000', '-23.100', '-21.760']))).toBe(-21.76);
    expect(parseLoudness(printed(['-70.000', '-70.000']))).toBeNull();
    expect(parseLoudness(printed(['-inf']))).toBeNull();
    expect(parseLoudness('')).toBeNull();
  });

  withFfmpeg(
    'holds the last frame of a video shorter than its audio; PCM of exactly the same length',
    async () => {
      const input = join(dir, 'short-video.mkv');
      await execFileAsync(FFMPEG, [
        ...['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=s=160x120:r=24:d=0.5'],
        ...[
          '-f',
          'lavfi',
          '-i',
          'sine=d=1.2:sample_rate=22050',
          '-c:v',
          'libx264',
          '-c:a',
          'flac',
          input,
        ],
      ]);
      const output = { video: join(dir, 'out.mov'), audio: join(dir, 'out.pcm') };
      const { durationSeconds, loudnessLufs } = await normalizeSegment({
        ffmpeg: FFMPEG,
        input: { url: input, inputOptions: [] },
        source: { durationSeconds: 1.2, hasAudio: true },
        profile,
        encoder: 'libx264',
        settings: { globalArgs: [], encodeArgs: [], nvencPreset: 'p4' },
        output,
        signal: new AbortController().signal,
      });
      expect(durationSeconds).toBe(1.2);
      // The 1/8 sine: about -22 LUFS in stereo (-25 as mono upmixed at -3 dB per channel).
      expect(loudnessLufs).toBeGreaterThan(-27);
      expect(loudnessLufs).toBeLessThan(-20);
      expect(readdirSync(dir).filter((name) => name.endsWith('.r128'))).toEqual([]);
      const { stdout } = await execFileAsync(FFPROBE, [
        ...[
          '-v',
          'error',
          '-show_entries',
          'stream=codec_name,width,height,r_frame_rate,sample_rate,channels,nb_frames,duration',
        ],
        ...['-of', 'json', output.video],
      ]);
      const streams = (JSON.parse(stdout) as { streams: Record<string, unknown>[] }).streams;
      expect(streams).toHaveLength(1);
      expect(streams[0]).toMatchObject({
        codec_name: 'h264',
        width: 320,
        height: 180,
        r_frame_rate: '30/1',
        nb_frames: '36',
      });
      expect(Number(streams[0]!.duration)).toBeCloseTo(1.2, 6);
      // 1.2 s of 48 kHz stereo s16le: exactly the video's length.
      expect(statSync(output.audio).size).toBe(1.2 * 48000 * 2 * 2);
    },
  );
});

describe('segment threads', () => {
  it('shares the cores out between the segments encoded at once', () => {
    expect(segmentThreads(2, 2)).toEqual({ decode: 1, encode: 2 });
    expect(segmentThreads(2, 3)).toEqual({ decode: 1, encode: 2 });
    expect(segmentThreads(8, 2)).toEqual({ decode: 4, encode: 6 });
    expect(segmentThreads(16, 4)).toEqual({ decode: 4, encode: 6 });
  });

  it('limits decoder and x264 threads when x264 shares the CPU, not when NVENC encodes', async () => {
    // Records its arguments, one a line, and makes nothing (the source has no audio to measure).
    const fake = join(dir, 'ffmpeg-args');
    const recorded = join(dir, 'args.txt');
    writeFileSync(fake, `#!/bin/bash\nprintf '%s\\n' "$@" > ${recorded}\n`, { mode: 0o755 });
    const run = async (
      encoder: 'libx264' | 'h264_nvenc',
      args: { globalArgs?: string[]; encodeArgs?: string[] } = {},
    ) => {
      await normalizeSegment({
        ffmpeg: fake,
        input: { url: '/clips/a.mp4', inputOptions: ['-re'] },
        source: { durationSeconds: 1, hasAudio: false },
        profile,
        encoder,
        settings: { globalArgs: [], encodeArgs: [], nvencPreset: 'p4', ...args },
        threads: { decode: 1, encode: 2 },
        output: { video: join(dir, 'x.mov'), audio: join(dir, 'x.pcm') },
        signal: new AbortController().signal,
      });
      const recordedArgs = readFileSync(recorded, 'utf8').trim().split('\n');
      const video = recordedArgs.indexOf('[v]');
      return {
        input: recordedArgs.slice(recordedArgs.indexOf('error') + 1, recordedArgs.indexOf('-i')),
        encoder: recordedArgs.slice(video + 1, recordedArgs.indexOf('-map_metadata')),
      };
    };
    const x264 = await run('libx264');
    expect(x264.input).toEqual(['-threads', '1', '-re']);
    expect(x264.encoder.slice(0, 4)).toEqual(['-threads', '2', '-c:v', 'libx264']);
    // FFMPEG_GLOBAL_ARGS and FFMPEG_ENCODE_ARGS come after them, so they can override them.
    const overridden = await run('libx264', {
      globalArgs: ['-threads', '0'],
      encodeArgs: ['-threads', '0'],
    });
    expect(overridden.input).toEqual(['-threads', '1', '-threads', '0', '-re']);
    expect(overridden.encoder.slice(-2)).toEqual(['-threads', '0']);
    const nvenc = await run('h264_nvenc');
    expect(nvenc.input).toEqual(['-re']);
    expect(nvenc.encoder).not.toContain('-threads');
  });
});

describe('concatList', () => {
  it('quotes paths for the concat demuxer and gives each file its duration', () => {
    expect(concatList([{ video: "/tmp/it's.mov", name: 'x', durationSeconds: 1.5 }])).toBe(
      "ffconcat version 1.0\nfile '/tmp/it'\\''s.mov'\nduration 1.500000\n",
    );
  });
});
