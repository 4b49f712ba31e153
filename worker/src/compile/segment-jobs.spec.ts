import { mkdtempSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import type { CompileMediaRef, CompilePayload } from '@clippyfront/shared';
import { contentHash, SegmentCache } from './asset-cache.js';
import { loadCompileSettings } from './compile-settings.js';
import { JobEncoder } from './encoder.js';
import { planSequence } from './plan.js';
import { ProgressTracker } from './progress.js';
import { segmentJobs, type CompileSources } from './segment-jobs.js';
import { assetKey, type SegmentContext } from './segment-tasks.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clippyfront-segment-jobs-spec-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const payload = (intro: CompileMediaRef): CompilePayload => ({
  projectId: 'p',
  outputName: 'x',
  output: { width: 320, height: 180, fps: 30, crf: 28 },
  intro,
  outro: null,
  clips: [
    {
      clipId: 'c',
      mediaId: 'c',
      title: 'c',
      creatorName: null,
      gameName: null,
      avatarAvailable: false,
      maxSeconds: 30,
    },
  ],
  transitions: [],
  randomizeTransitions: false,
  seed: 1,
  watermark: false,
});

describe('segmentJobs: an intro already in the segment cache', () => {
  const introFile = () => join(dir, 'intro.mp4');
  let ctx: SegmentContext;
  let sha256: string;

  beforeAll(async () => {
    await writeFile(introFile(), 'the intro’s bytes');
    sha256 = await contentHash(introFile());
    ctx = {
      ffmpeg: 'ffmpeg',
      ffprobe: 'ffprobe',
      profile: { width: 320, height: 180, fps: 30, crf: 28 },
      settings: { ...loadCompileSettings({}), segmentConcurrency: 1 },
      encoder: new JobEncoder('libx264'),
      cache: new SegmentCache(join(dir, 'cache')),
      tempDir: dir,
      signal: new AbortController().signal,
      watermark: null,
      log: () => {},
    };
    await ctx.cache.produce(assetKey(ctx, sha256, 'libx264'), async (temporary) => {
      await writeFile(temporary.video, 'video');
      await writeFile(temporary.audio, 'audio');
      return { durationSeconds: 2, loudnessLufs: null };
    });
  });

  const introJob = (ref: CompileMediaRef, sources: CompileSources) => {
    const input = payload(ref);
    const tracker = new ProgressTracker(() => {}, 0, 100);
    return segmentJobs(planSequence(input), input, sources, ctx, tracker).get('asset:intro')!;
  };
  const sources = () => ({
    clipInput: jest.fn<CompileSources['clipInput']>(),
    assetFile: jest.fn<CompileSources['assetFile']>(async () => introFile()),
    avatarFile: jest.fn<CompileSources['avatarFile']>(),
  });

  it('is found by the payload’s hash without fetching the file', async () => {
    const fetching = sources();
    const job = introJob({ mediaId: 'intro', name: 'Intro', sha256 }, fetching);
    expect(await job.cached!()).toMatchObject({ cached: true, durationSeconds: 2 });
    expect(fetching.assetFile).not.toHaveBeenCalled();
  });

  it('is fetched and hashed when the payload has no hash (an older API)', async () => {
    const fetching = sources();
    const job = introJob({ mediaId: 'intro', name: 'Intro' }, fetching);
    expect(await job.cached!()).toMatchObject({ cached: true, durationSeconds: 2 });
    expect(fetching.assetFile).toHaveBeenCalledTimes(1);
  });
});
