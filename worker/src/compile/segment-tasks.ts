import { join } from 'node:path';
import type { CompileClipInput, CompileEncoder, CompileOutputProfile } from '@clippyfront/shared';
import { contentHash, SegmentCache } from './asset-cache.js';
import {
  GENERATED_BUMPER_RECIPE,
  generatedBumperInput,
  generatedBumperVideoArgs,
} from './bumper.js';
import type { CompileSettings } from './compile-settings.js';
import { videoEncoderArgs, type JobEncoder } from './encoder.js';
import { normalizeSegment, type SegmentFiles, type SegmentMeasure } from './normalize.js';
import { buildOverlay, type OverlayGraph, type WatermarkSpec } from './overlay.js';
import { probeSource, type SegmentSource } from './probe.js';

/** What every segment task of one compile job shares. */
export interface SegmentContext {
  ffmpeg: string;
  ffprobe: string;
  profile: CompileOutputProfile;
  settings: CompileSettings;
  encoder: JobEncoder;
  cache: SegmentCache;
  /** The job's private temporary folder. */
  tempDir: string;
  signal: AbortSignal;
  watermark: WatermarkSpec | null;
  /** Threads of each segment's decoder and encoder under libx264 (see segmentThreads). */
  threads?: SegmentThreads;
  /** This ffmpeg resizes with zscale (see scaleFilter). */
  zscale?: boolean;
  log(line: string): void;
}

/** Threads of each segment's decoder and x264 encoder (see segmentThreads). */
export interface SegmentThreads {
  decode: number;
  encode: number;
}

/**
 * The cores shared out between the segments encoded at once. ffmpeg's defaults (a decoding
 * thread per core and one more; x264 1.5 threads per core) cost more CPU when several segments
 * run at once: one decoding thread costs about a fifth less decoding 1080p60 H.264, and fewer
 * x264 threads a little less encoding, while every core is busy anyway. x264 keeps at least two,
 * so a segment left alone at the end still encodes on two cores.
 */
export function segmentThreads(cores: number, segmentConcurrency: number): SegmentThreads {
  const share = cores / Math.max(1, segmentConcurrency);
  return { decode: Math.max(1, Math.floor(share)), encode: Math.max(2, Math.ceil(1.5 * share)) };
}

export interface SegmentOutput extends SegmentFiles, SegmentMeasure {
  encoder: CompileEncoder;
  /** Taken from the asset cache, not encoded by this job. */
  cached: boolean;
}

export interface ClipSource {
  input: { url: string; inputOptions: string[] };
  avatarPath: string | null;
}

/** Where an intro, outro, transition or bumper comes from. */
export type AssetSource = { file: string } | { generatedBumper: true };

export interface TaskProgress {
  /** Seconds of output this task encodes (its share of the progress bar). */
  weigh(seconds: number): void;
  update(fraction: number): void;
}

const fallbackLog = (ctx: SegmentContext, name: string) => (error: Error) =>
  ctx.log(`NVENC failed on ${name}, switching to libx264: ${error.message}`);

/** A clip made ready to encode: where it is, what it holds, its overlay. */
export interface PreparedClip {
  input: ClipSource['input'];
  source: SegmentSource;
  overlay: OverlayGraph | null;
}

/** Everything about a clip that comes before its encode: its length, its overlay. */
export async function prepareClip(
  ctx: SegmentContext,
  clip: CompileClipInput,
  clipIndex: number,
  source: ClipSource,
  progress: TaskProgress,
): Promise<PreparedClip> {
  const probed = await probeSource(ctx.ffprobe, source.input, ctx.signal, ctx.settings.probeArgs);
  const seconds = Math.min(probed.durationSeconds, clip.maxSeconds);
  progress.weigh(seconds);
  const showCreator = !ctx.settings.disableOverlay;
  const overlay = await buildOverlay({
    creatorName: showCreator ? clip.creatorName : null,
    gameName: clip.gameName,
    avatarPath: showCreator ? source.avatarPath : null,
    watermark: ctx.watermark,
    durationSeconds: seconds,
    width: ctx.profile.width,
    height: ctx.profile.height,
    dir: ctx.tempDir,
    id: `clip-${clipIndex}`,
  });
  return { input: source.input, source: probed, overlay };
}

/** A timeline clip, cut to its maximum length, with its overlay and the watermark. */
export async function normalizeClip(
  ctx: SegmentContext,
  clip: CompileClipInput,
  clipIndex: number,
  name: string,
  prepared: PreparedClip,
  progress: TaskProgress,
): Promise<SegmentOutput> {
  // Named after the encoder: a redo on the CPU never rewrites files the soundtrack is reading.
  const files = (encoder: string): SegmentFiles => ({
    video: join(ctx.tempDir, `clip-${clipIndex}-${encoder}.mov`),
    audio: join(ctx.tempDir, `clip-${clipIndex}-${encoder}.pcm`),
  });
  const { value, encoder } = await ctx.encoder.run(
    (encoder) =>
      normalizeSegment({
        ffmpeg: ctx.ffmpeg,
        input: prepared.input,
        source: prepared.source,
        maxSeconds: clip.maxSeconds,
        profile: ctx.profile,
        encoder,
        settings: ctx.settings,
        threads: ctx.threads,
        zscale: ctx.zscale,
        overlay: prepared.overlay,
        output: files(encoder),
        signal: ctx.signal,
        onProgress: progress.update,
      }),
    fallbackLog(ctx, name),
  );
  progress.update(1);
  return { ...files(encoder), ...value, encoder, cached: false };
}

/** What an asset's cache entry is keyed by: its bytes' hash, or the generated bumper's recipe. */
export const assetContent = (asset: AssetSource) =>
  'file' in asset ? contentHash(asset.file) : Promise.resolve(GENERATED_BUMPER_RECIPE);

/** The cache key of an asset's segment. */
export const assetKey = (ctx: SegmentContext, content: string, encoder: CompileEncoder) =>
  SegmentCache.key({
    content,
    // The container does not change a segment (the codec is in the encoder's options): MP4 and
    // MKV share their segments, and keys made before formats existed still match.
    profile: { ...ctx.profile, format: undefined },
    video: videoEncoderArgs(encoder, ctx.profile, ctx.settings),
  });

/**
 * The asset whose content (see assetContent) is this, from the cache, made earlier for the
 * job's current encoder, or null.
 */
export async function cachedAsset(
  ctx: SegmentContext,
  content: string,
): Promise<SegmentOutput | null> {
  const encoder = ctx.encoder.current;
  const hit = await ctx.cache.lookup(assetKey(ctx, content, encoder));
  return hit && { ...hit, encoder };
}

/**
 * An asset that does not depend on the clips: normalized once per profile, then cached under
 * its content (see assetContent).
 */
export async function normalizeAsset(
  ctx: SegmentContext,
  name: string,
  asset: AssetSource,
  content: string,
  progress: TaskProgress,
): Promise<SegmentOutput> {
  const { value, encoder } = await ctx.encoder.run(
    async (encoder) =>
      ctx.cache.produce(assetKey(ctx, content, encoder), async (temporary) => {
        let input: { url: string; inputOptions: string[] };
        let source: SegmentSource;
        let extraVideoArgs: string[] = [];
        if ('file' in asset) {
          input = { url: asset.file, inputOptions: [] };
          source = await probeSource(ctx.ffprobe, input, ctx.signal, ctx.settings.probeArgs);
        } else {
          ({ input, source } = generatedBumperInput(ctx.profile));
          extraVideoArgs = generatedBumperVideoArgs(encoder);
        }
        progress.weigh(source.durationSeconds);
        return normalizeSegment({
          ffmpeg: ctx.ffmpeg,
          input,
          source,
          profile: ctx.profile,
          encoder,
          settings: ctx.settings,
          threads: ctx.threads,
          zscale: ctx.zscale,
          extraVideoArgs,
          output: temporary,
          signal: ctx.signal,
          onProgress: progress.update,
        });
      }),
    fallbackLog(ctx, name),
  );
  progress.update(1);
  return { ...value, encoder };
}
