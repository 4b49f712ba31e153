import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CompileClipInput } from '@clippyfront/shared';
import { SegmentCache } from './asset-cache.js';
import { loadCompileSettings } from './compile-settings.js';
import { JobEncoder } from './encoder.js';
import type { PlannedSegment } from './plan.js';
import { renderSegments } from './render-segments.js';
import type { SegmentJob } from './segment-jobs.js';
import type { SegmentContext, SegmentOutput } from './segment-tasks.js';
import { FFMPEG } from './test-media.spec-helper.js';

const withFfmpeg = existsSync(FFMPEG) ? it : it.skip;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clippyfront-render-spec-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const clip = (id: string): CompileClipInput => ({
  clipId: id,
  mediaId: id,
  title: id,
  creatorName: null,
  gameName: null,
  avatarAvailable: false,
  maxSeconds: 30,
});

/** A segment of `seconds` of silent PCM (its video is never read here). */
function segment(name: string, seconds: number, cached = false): SegmentOutput {
  const audio = join(dir, `${name}.pcm`);
  writeFileSync(audio, Buffer.alloc(seconds * 48000 * 4));
  const video = join(dir, `${name}.mov`);
  return { video, audio, durationSeconds: seconds, loudnessLufs: null, encoder: 'libx264', cached };
}

describe('renderSegments', () => {
  withFfmpeg(
    'hands cached assets over at once and gets the next clip ready while one encodes',
    async () => {
      const events: string[] = [];
      let finishFirst!: () => void;
      const firstMayFinish = new Promise<void>((resolve) => (finishFirst = resolve));
      const jobs = new Map<string, SegmentJob>([
        [
          'clip:0',
          {
            make: async () => {
              events.push('clip 0 encodes');
              await firstMayFinish;
              return segment('clip0', 1);
            },
          },
        ],
        [
          'clip:1',
          {
            prepare: async () => {
              events.push('clip 1 prepared');
            },
            make: async () => segment('clip1', 1),
          },
        ],
        [
          'bumper',
          {
            cached: async () => {
              events.push('bumper found in the cache');
              return segment('bumper', 0.5, true);
            },
            make: () => Promise.reject(new Error('a cached asset is not made')),
          },
        ],
      ]);
      const plan: PlannedSegment[] = [
        { kind: 'clip', name: 'a', clip: clip('a'), clipIndex: 0 },
        { kind: 'bumper', name: 'Static' },
        { kind: 'clip', name: 'b', clip: clip('b'), clipIndex: 1 },
      ];
      const ctx: SegmentContext = {
        ffmpeg: FFMPEG,
        ffprobe: '',
        profile: { width: 320, height: 180, fps: 30, crf: 28 },
        settings: { ...loadCompileSettings({}), segmentConcurrency: 1 },
        encoder: new JobEncoder('libx264'),
        cache: new SegmentCache(join(dir, 'cache')),
        tempDir: dir,
        signal: new AbortController().signal,
        watermark: null,
        log: (line) => events.push(line),
      };
      const rendering = renderSegments(ctx, plan, jobs, {
        loudnorm: true,
        abort: new AbortController(),
        concurrency: 1,
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      // One at a time: clip 1 waits for clip 0, but it is ready, and the bumper is known.
      expect(events).toEqual(
        expect.arrayContaining(['clip 0 encodes', 'clip 1 prepared', 'bumper found in the cache']),
      );
      finishFirst();
      const { outputs, soundtrack } = await rendering;
      expect([...outputs.keys()]).toEqual(['clip:0', 'clip:1', 'bumper']);
      expect(outputs.get('bumper')!.cached).toBe(true);
      expect(statSync(await soundtrack).size).toBeGreaterThan(0);
    },
  );

  it('answers once the segments are made; a soundtrack failing after that rejects and aborts', async () => {
    // The soundtrack's ffmpeg reads everything, then fails.
    const ffmpeg = join(dir, 'ffmpeg-fails-late');
    writeFileSync(ffmpeg, '#!/bin/sh\ncat > /dev/null\necho "no space left" >&2\nexit 1\n', {
      mode: 0o755,
    });
    const jobs = new Map<string, SegmentJob>([['clip:0', { make: async () => segment('c', 1) }]]);
    const abort = new AbortController();
    const ctx = {
      ffmpeg,
      encoder: new JobEncoder('libx264'),
      settings: { ...loadCompileSettings({}), segmentConcurrency: 1 },
      tempDir: dir,
      signal: abort.signal,
      log: () => {},
    } as unknown as SegmentContext;
    const plan: PlannedSegment[] = [{ kind: 'clip', name: 'a', clip: clip('a'), clipIndex: 0 }];
    const { outputs, soundtrack } = await renderSegments(ctx, plan, jobs, {
      loudnorm: false,
      abort,
      concurrency: 1,
    });
    expect(outputs.get('clip:0')!.durationSeconds).toBe(1);
    await expect(soundtrack).rejects.toThrow(/no space left/);
    expect(abort.signal.aborted).toBe(true);
  });
});
