import { join } from 'node:path';
import type { CompileClipInput, CompileEncoder, CompileOutputProfile } from '@clippyfront/shared';
import { contentHash, SegmentCache } from './asset-cache.js';
import { GENERATED_BUMPER_RECIPE, generatedBumperInput } from './bumper.js';
import type { CompileSettings } from './compile-settings.js';
import { videoEncoderArgs, type JobEncoder } from './encoder.js';
import { normalizeSegment, type SegmentFiles } from './normalize.js';
import { buildOverlay, type WatermarkSpec } from './overlay.js';
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
  log(line: string): void;
}

export interface SegmentOutput extends SegmentFiles {
  durationSeconds: number;
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

/** A timeline clip, cut to its maximum length, with its overlay and the watermark. */
export async function normalizeClip(
  ctx: SegmentContext,
  clip: CompileClipInput,
  clipIndex: number,
  name: string,
  source: ClipSource,
  progress: TaskProgress,
): Promise<SegmentOutput> {
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
  // Named after the encoder: a redo on the CPU never rewrites files the soundtrack is reading.
  const files = (encoder: string): SegmentFiles => ({
    video: join(ctx.tempDir, `clip-${clipIndex}-${encoder}.mov`),
    audio: join(ctx.tempDir, `clip-${clipIndex}-${encoder}.pcm`),
  });
  const { value, encoder } = await ctx.encoder.run(
    (encoder) =>
      normalizeSegment({
        ffmpeg: ctx.ffmpeg,
        input: source.input,
        source: probed,
        maxSeconds: clip.maxSeconds,
        profile: ctx.profile,
        encoder,
        settings: ctx.settings,
        overlay,
        output: files(encoder),
        signal: ctx.signal,
        onProgress: progress.update,
      }),
    fallbackLog(ctx, name),
  );
  progress.update(1);
  return { ...files(encoder), durationSeconds: value, encoder, cached: false };
}

/** An asset that does not depend on the clips: normalized once per profile, then cached. */
export async function normalizeAsset(
  ctx: SegmentContext,
  name: string,
  asset: AssetSource,
  progress: TaskProgress,
): Promise<SegmentOutput> {
  const content = 'file' in asset ? await contentHash(asset.file) : GENERATED_BUMPER_RECIPE;
  const { value, encoder } = await ctx.encoder.run(
    async (encoder) => {
      const video = videoEncoderArgs(encoder, ctx.profile, ctx.settings);
      const key = SegmentCache.key({ content, profile: ctx.profile, video });
      return ctx.cache.produce(key, async (temporary) => {
        let input: { url: string; inputOptions: string[] };
        let source: SegmentSource;
        if ('file' in asset) {
          input = { url: asset.file, inputOptions: [] };
          source = await probeSource(ctx.ffprobe, input, ctx.signal, ctx.settings.probeArgs);
        } else {
          ({ input, source } = generatedBumperInput(ctx.profile));
        }
        progress.weigh(source.durationSeconds);
        return normalizeSegment({
          ffmpeg: ctx.ffmpeg,
          input,
          source,
          profile: ctx.profile,
          encoder,
          settings: ctx.settings,
          output: temporary,
          signal: ctx.signal,
          onProgress: progress.update,
        });
      });
    },
    fallbackLog(ctx, name),
  );
  progress.update(1);
  return { ...value, encoder };
}
