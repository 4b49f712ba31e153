import type { CompileClipInput, CompileMediaRef, CompilePayload } from '@clippyfront/shared';
import type { PlannedSegment } from './plan.js';
import type { ProgressTracker } from './progress.js';
import {
  assetContent,
  cachedAsset,
  normalizeAsset,
  normalizeClip,
  prepareClip,
  type AssetSource,
  type PreparedClip,
  type SegmentContext,
  type SegmentOutput,
} from './segment-tasks.js';

/** How the pipeline reaches its inputs (the worker: through the API; the API: the instance). */
export interface CompileSources {
  /** A local path or a URL ffmpeg can read, with the input options it needs. */
  clipInput(clip: CompileClipInput): Promise<{ url: string; inputOptions: string[] }>;
  /** A local file; its bytes are hashed for the asset cache unless the ref carries the hash. */
  assetFile(ref: CompileMediaRef): Promise<string>;
  /** The creator's avatar as a local image, or null. */
  avatarFile(clip: CompileClipInput): Promise<string | null>;
}

export interface SegmentJob {
  /** Makes the segment (an asset: takes it from the cache, or normalizes and caches it). */
  make(): Promise<SegmentOutput>;
  /**
   * A quick look for the finished segment (a cached asset), or null: what it answers needs no
   * encoder, so it is asked at once rather than when the segment's turn comes.
   */
  cached?(): Promise<SegmentOutput | null>;
  /**
   * Starts what comes before the encode (finding and probing the input, the overlay) ahead of
   * the job's turn, so no core waits for it; answers when that is over, whatever the outcome.
   */
  prepare?(): Promise<void>;
}

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
  const announceAssets = () => {
    if (!assetsAnnounced) log(assetsMessage(payload));
    assetsAnnounced = true;
  };
  for (const segment of plan) {
    const key = jobKey(segment);
    if (clips.has(key) || assets.has(key)) continue;
    if (segment.kind === 'clip') {
      const { clip, clipIndex, name } = segment;
      const progress = tracker.task(key, clip.maxSeconds);
      let prepared: Promise<PreparedClip> | null = null;
      const prepare = () =>
        (prepared ??= (async () => {
          const input = await sources.clipInput(clip);
          const wantsAvatar = clip.avatarAvailable && !settings.disableOverlay;
          const avatarPath = wantsAvatar ? await sources.avatarFile(clip) : null;
          return prepareClip(ctx, clip, clipIndex, { input, avatarPath }, progress);
        })());
      clips.set(key, {
        prepare: () =>
          prepare().then(
            () => {},
            () => {},
          ),
        make: async () => {
          log(`Processing clip ${clipIndex + 1}/${payload.clips.length}: ${name}`);
          return normalizeClip(ctx, clip, clipIndex, name, await prepare(), progress);
        },
      });
      continue;
    }
    const progress = tracker.task(key, 1);
    let source: Promise<AssetSource> | null = null;
    const assetSource = () =>
      (source ??= (async (): Promise<AssetSource> =>
        segment.kind !== 'bumper'
          ? { file: await sources.assetFile(segment.ref) }
          : settings.staticBumperPath
            ? { file: settings.staticBumperPath }
            : { generatedBumper: true })());
    // The payload's hash finds a cached segment without fetching the file at all.
    const known = segment.kind === 'bumper' ? undefined : segment.ref.sha256;
    let hashed: Promise<string> | null = null;
    const assetKeyContent = () =>
      (hashed ??= known ? Promise.resolve(known) : assetSource().then(assetContent));
    const done = (output: SegmentOutput) => {
      announceAssets();
      const how = output.cached ? 'reused from cache' : 'normalized and cached';
      log(`${segment.kind} "${segment.name}": ${how}`);
      progress.update(1);
      return output;
    };
    assets.set(key, {
      cached: async () => {
        const output = await cachedAsset(ctx, await assetKeyContent());
        return output && done(output);
      },
      make: async () => {
        announceAssets();
        const asset = await assetSource();
        const content = await assetKeyContent();
        return done(await normalizeAsset(ctx, segment.name, asset, content, progress));
      },
    });
  }
  return new Map([...clips, ...assets]);
}
