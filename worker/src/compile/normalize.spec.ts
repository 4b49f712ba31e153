import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { concatList } from './concat.js';
import { audioFilter, normalizeSegment, segmentFrames, videoFilter } from './normalize.js';
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
      const seconds = await normalizeSegment({
        ffmpeg: FFMPEG,
        input: { url: input, inputOptions: [] },
        source: { durationSeconds: 1.2, hasAudio: true },
        profile,
        encoder: 'libx264',
        settings: { globalArgs: [], encodeArgs: [], nvencPreset: 'p4' },
        output,
        signal: new AbortController().signal,
      });
      expect(seconds).toBe(1.2);
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

describe('concatList', () => {
  it('quotes paths for the concat demuxer and gives each file its duration', () => {
    expect(concatList([{ video: "/tmp/it's.mov", name: 'x', durationSeconds: 1.5 }])).toBe(
      "ffconcat version 1.0\nfile '/tmp/it'\\''s.mov'\nduration 1.500000\n",
    );
  });
});
