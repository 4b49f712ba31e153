import type { CompileClipInput, CompileMediaRef, CompilePayload } from '@clippyfront/shared';
import type { PlannedSegment } from './plan.js';
import type { ProgressTracker } from './progress.js';
import {
  normalizeAsset,
  normalizeClip,
  type AssetSource,
  type SegmentContext,
  type SegmentOutput,
} from './segment-tasks.js';

/** How the pipeline reaches its inputs (the worker: through the API; the API: the instance). */
export interface CompileSources {
  /** A local path or a URL ffmpeg can read, with the input options it needs. */
  clipInput(clip: CompileClipInput): Promise<{ url: string; inputOptions: string[] }>;
  /** A local file: its bytes are hashed for the asset cache. */
  assetFile(ref: CompileMediaRef): Promise<string>;
  /** The creator's avatar as a local image, or null. */
  avatarFile(clip: CompileClipInput): Promise<string | null>;
}

export type SegmentJob = () => Promise<SegmentOutput>;

/** One job per distinct segment: a transition used in three gaps, the bumper, are made once. */
export const jobKey = (segment: PlannedSegment) =>
  segment.kind === 'clip'
    ? `clip:${segment.clipIndex}`
    : segment.kind === 'bumper'
      ? 'bumper'
      : `asset:${segment.ref.mediaId}`;

const assetsMessage = (payload: CompilePayload) =>
  payload.intro || payload.outro
    ? 'Adding intro and outro'
    : payload.transitions.length
      ? 'Adding transitions'
      : 'Adding the static bumper';

/** The jobs that make every distinct segment of the plan: clips first, in timeline order. */
export function segmentJobs(
  plan: PlannedSegment[],
  payload: CompilePayload,
  sources: CompileSources,
  ctx: SegmentContext,
  tracker: ProgressTracker,
): Map<string, SegmentJob> {
  const { settings, log } = ctx;
  const clips = new Map<string, SegmentJob>();
  const assets = new Map<string, SegmentJob>();
  let assetsAnnounced = false;
  for (const segment of plan) {
    const key = jobKey(segment);
    if (clips.has(key) || assets.has(key)) continue;
    if (segment.kind === 'clip') {
      const { clip, clipIndex, name } = segment;
      const progress = tracker.task(key, clip.maxSeconds);
      clips.set(key, async () => {
        log(`Processing clip ${clipIndex + 1}/${payload.clips.length}: ${name}`);
        const input = await sources.clipInput(clip);
        const wantsAvatar = clip.avatarAvailable && !settings.disableOverlay;
        const avatarPath = wantsAvatar ? await sources.avatarFile(clip) : null;
        return normalizeClip(ctx, clip, clipIndex, name, { input, avatarPath }, progress);
      });
      continue;
    }
    const progress = tracker.task(key, 1);
    assets.set(key, async () => {
      if (!assetsAnnounced) log(assetsMessage(payload));
      assetsAnnounced = true;
      const asset: AssetSource =
        segment.kind !== 'bumper'
          ? { file: await sources.assetFile(segment.ref) }
          : settings.staticBumperPath
            ? { file: settings.staticBumperPath }
            : { generatedBumper: true };
      const output = await normalizeAsset(ctx, segment.name, asset, progress);
      const how = output.cached ? 'reused from cache' : 'normalized and cached';
      log(`${segment.kind} "${segment.name}": ${how}`);
      return output;
    });
  }
  return new Map([...clips, ...assets]);
}
