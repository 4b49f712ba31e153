import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type { CompilePayload, CompileResult } from '@clippyfront/shared';
import { SegmentCache } from './asset-cache.js';
import { chaptersOf, ffmetadata, timeline, youtubeChapters } from './chapters.js';
import type { CompileSettings } from './compile-settings.js';
import { joinVideo, muxCompilation } from './concat.js';
import { chooseEncoder, JobEncoder } from './encoder.js';
import { intermediateMuxer } from './normalize.js';
import { outputFormatOf } from './output-format.js';
import { planSequence } from './plan.js';
import { runPool } from './pool.js';
import { probeSource } from './probe.js';
import { ProgressTracker } from './progress.js';
import { renderSegments } from './render-segments.js';
import { hasZscale } from './scaler.js';
import { jobKey, segmentJobs, type CompileSources } from './segment-jobs.js';
import { segmentThreads, type SegmentContext } from './segment-tasks.js';

export type { CompileSources } from './segment-jobs.js';

export interface CompileRequest {
  payload: CompilePayload;
  sources: CompileSources;
  ffmpegPath: string;
  ffprobePath: string;
  settings: CompileSettings;
  /** A temporary folder is made in here and removed whatever the outcome. */
  workDir: string;
  /** The finished file (its container: payload.output.format); removed again if the compile fails or is cancelled. */
  outputPath: string;
  signal: AbortSignal;
  progress(percent: number): void;
  log(line: string): void;
}

function watermarkOf(payload: CompilePayload, settings: CompileSettings) {
  if (!payload.watermark) return null;
  return settings.watermarkPath
    ? { imagePath: settings.watermarkPath }
    : { text: settings.watermarkText };
}

/** Keeps the segment cache within COMPILE_CACHE_MAX_MB; a failure there fails no compile. */
async function trimCache(
  cache: SegmentCache,
  settings: CompileSettings,
  log: (line: string) => void,
) {
  const { removed, freedBytes } = await cache
    .evict(settings.cacheMaxBytes)
    .catch(() => ({ removed: 0, freedBytes: 0 }));
  if (removed) {
    const mb = Math.round(freedBytes / 1024 / 1024);
    log(
      `Compile cache: removed ${removed} segment(s) unused the longest (${mb} MB), over COMPILE_CACHE_MAX_MB`,
    );
  }
}

/**
 * Renders a compilation: every distinct segment normalized (intros, outros, transitions and the
 * bumper from the cache when they were made before), the soundtrack encoded alongside, then one
 * stream-copy join with chapters.
 */
export async function compileVideo(request: CompileRequest): Promise<CompileResult> {
  const started = performance.now();
  const { payload, settings, log } = request;
  const plan = planSequence(payload);
  const abort = new AbortController();
  const forward = () => abort.abort();
  if (request.signal.aborted) abort.abort();
  request.signal.addEventListener('abort', forward, { once: true });
  const tempDir = await mkdtemp(join(request.workDir, 'compile-'));
  try {
    request.progress(1);
    log('Preparing clips');
    const format = outputFormatOf(payload.output);
    const choice = await chooseEncoder(request.ffmpegPath, settings, payload.output);
    log(`Encoder: ${choice.encoder} (${choice.reason})`);
    const zscale = await hasZscale(request.ffmpegPath);
    const cache = new SegmentCache(settings.cacheDir);
    await cache.pruneStaleTemp();
    const ctx: SegmentContext = {
      ffmpeg: request.ffmpegPath,
      ffprobe: request.ffprobePath,
      profile: payload.output,
      settings,
      encoder: new JobEncoder(choice.encoder),
      cache,
      tempDir,
      signal: abort.signal,
      watermark: watermarkOf(payload, settings),
      threads: segmentThreads(availableParallelism(), settings.segmentConcurrency),
      zscale,
      log,
    };
    const tracker = new ProgressTracker((p) => request.progress(p), 2, 95);
    const jobs = segmentJobs(plan, payload, request.sources, ctx, tracker);
    const { outputs, soundtrack } = await renderSegments(ctx, plan, jobs, {
      loudnorm: payload.loudnorm ?? true,
      abort,
      concurrency: settings.segmentConcurrency,
    });
    const segments = plan.map((segment) => ({
      ...outputs.get(jobKey(segment))!,
      name: segment.name,
    }));
    const { timed, totalSeconds } = timeline(
      plan,
      segments.map((s) => s.durationSeconds),
    );
    const chapters = chaptersOf(timed);
    const chaptersFile = join(tempDir, 'chapters.ffmetadata');
    await writeFile(chaptersFile, ffmetadata(chapters, totalSeconds));
    log('Compiling final video');
    const muxer = intermediateMuxer(ctx.encoder.current);
    const video = join(tempDir, `video.${muxer}`);
    // The soundtrack's last seconds are encoded while the video is joined.
    await runPool<unknown>(
      [
        () =>
          joinVideo({
            ffmpeg: request.ffmpegPath,
            segments,
            workDir: tempDir,
            output: video,
            muxer,
            settings,
            signal: abort.signal,
            onProgress: (fraction) => request.progress(Math.floor(95 + 4 * fraction)),
            onSegment: (index) =>
              log(`Concatenating: ${plan[index]!.name} (${index + 1} of ${plan.length})`),
          }),
        () => soundtrack,
      ],
      2,
      abort,
    );
    await muxCompilation({
      ffmpeg: request.ffmpegPath,
      video,
      audio: await soundtrack,
      chaptersFile,
      format,
      output: request.outputPath,
      durationSeconds: totalSeconds,
      settings,
      signal: abort.signal,
    });
    await trimCache(cache, settings, log);
    const output = { url: request.outputPath, inputOptions: [] };
    const probed = await probeSource(request.ffprobePath, output, abort.signal);
    const { size } = await stat(request.outputPath);
    request.progress(100);
    return {
      mediaPath: request.outputPath,
      sizeBytes: size,
      durationSeconds: probed.durationSeconds,
      chapters,
      chaptersText: youtubeChapters(chapters, totalSeconds),
      renderSeconds: Math.round((performance.now() - started) / 100) / 10,
      encoder: ctx.encoder.current,
    };
  } catch (error) {
    abort.abort();
    await rm(request.outputPath, { force: true });
    if (request.signal.aborted) throw new Error('Cancelled', { cause: error });
    throw error;
  } finally {
    request.signal.removeEventListener('abort', forward);
    await rm(tempDir, { recursive: true, force: true });
  }
}
