import { join } from 'node:path';
import { encodeAudioTrack } from './audio-track.js';
import { outputFormatOf } from './output-format.js';
import { timeoutFor } from './ffmpeg-process.js';
import type { PlannedSegment } from './plan.js';
import { runPool } from './pool.js';
import type { SegmentContext, SegmentOutput } from './segment-tasks.js';
import { jobKey, type SegmentJob } from './segment-jobs.js';

export interface RenderedSegments {
  /** The final output of every job (after any redo on the CPU). */
  outputs: Map<string, SegmentOutput>;
  /**
   * The whole soundtrack (AAC in MP4), still being encoded maybe: its last seconds follow the
   * last segment. Rejects with its failure, which has aborted the job.
   */
  soundtrack: Promise<string>;
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ([resolve, reject] = [res, rej]));
  promise.catch(() => {}); // awaited later, or never when the job fails first
  return { promise, resolve, reject };
}

/**
 * Makes every segment, `concurrency` at a time, while one ffmpeg encodes the soundtrack from
 * their PCM in timeline order; answers when the segments are made. The first failure (of
 * either) aborts `abort`; a failure while segments are made is thrown once nothing runs any
 * more.
 */
export async function renderSegments(
  ctx: SegmentContext,
  plan: PlannedSegment[],
  jobs: Map<string, SegmentJob>,
  options: { loudnorm: boolean; abort: AbortController; concurrency: number },
): Promise<RenderedSegments> {
  const { abort } = options;
  // The first failure is the cause; what the abort it triggers makes fail is not.
  let cause: { error: unknown } | null = null;
  const ready = new Map([...jobs.keys()].map((key) => [key, deferred<SegmentOutput>()]));
  // Cached assets are looked up at once, so the soundtrack can take them in its turn without
  // waiting for the pool to reach them (they come after the clips in it).
  const early = new Map(
    [...jobs].map(([key, job]) => {
      const lookup = (job.cached?.() ?? Promise.resolve(null)).catch(() => null);
      void lookup.then((output) => output && ready.get(key)!.resolve(output));
      return [key, lookup];
    }),
  );
  const order = [...jobs.values()];
  const preparing: Promise<void>[] = [];
  const tracked = [...jobs].map(([key, job], index) => async () => {
    // The next job gets ready while this one encodes.
    const next = order[index + 1]?.prepare?.();
    if (next) preparing.push(next);
    try {
      const output = (await early.get(key)!) ?? (await job.make());
      ready.get(key)!.resolve(output);
      return output;
    } catch (error) {
      ready.get(key)!.reject(error);
      throw error;
    }
  });
  const format = outputFormatOf(ctx.profile);
  const audio = join(ctx.tempDir, `soundtrack.${format.audioMuxer === 'mp4' ? 'm4a' : 'mka'}`);
  const soundtrack: Promise<string> = encodeAudioTrack({
    ffmpeg: ctx.ffmpeg,
    segments: plan.map((segment) => () => ready.get(jobKey(segment))!.promise),
    // It waits for every segment: as long as they could all take one after the other.
    timeoutSeconds: plan.reduce(
      (sum, s) => sum + timeoutFor(s.kind === 'clip' ? s.clip.maxSeconds : 60),
      0,
    ),
    loudnorm: options.loudnorm,
    codec: format,
    output: audio,
    globalArgs: ctx.settings.globalArgs,
    signal: abort.signal,
  }).then(
    () => audio,
    (error: unknown) => {
      if (!abort.signal.aborted) cause ??= { error };
      abort.abort();
      throw error;
    },
  );
  soundtrack.catch(() => {}); // through `cause` below, or the caller's await
  let outputs = new Map<string, SegmentOutput>();
  try {
    const results = await runPool(tracked, options.concurrency, abort);
    outputs = new Map([...jobs.keys()].map((key, i) => [key, results[i]!]));
    await redoMismatched(ctx, outputs, jobs, abort);
  } catch (error) {
    cause ??= { error };
    abort.abort();
  }
  // Lookups and preparations the pool never reached (it stopped at a failure) are done with
  // before returning.
  await Promise.all(early.values());
  await Promise.all(preparing);
  if (cause) {
    await soundtrack.catch(() => {});
    throw (cause as { error: unknown }).error;
  }
  return { outputs, soundtrack };
}

/**
 * After an NVENC failure the job encodes with libx264; segments NVENC made before that are
 * redone, because the join copies the video and needs one encoder's settings throughout.
 */
async function redoMismatched(
  ctx: SegmentContext,
  outputs: Map<string, SegmentOutput>,
  jobs: Map<string, SegmentJob>,
  abort: AbortController,
): Promise<void> {
  const stale = [...outputs].filter(([, output]) => output.encoder !== ctx.encoder.current);
  if (!stale.length) return;
  ctx.log(`Re-encoding ${stale.length} segment(s) made with NVENC, so every segment matches`);
  const redone = await runPool(
    stale.map(
      ([key]) =>
        () =>
          jobs.get(key)!.make(),
    ),
    ctx.settings.segmentConcurrency,
    abort,
  );
  stale.forEach(([key], index) => outputs.set(key, redone[index]!));
}
