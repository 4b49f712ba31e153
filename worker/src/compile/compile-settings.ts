import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { envBoolean, envInt, optionalString, parseEnv } from '@clippyfront/shared/node';
import { splitShellArgs } from '../download/shell-args.js';

/** How compile jobs render; the same variables for a worker and for the API's jobs. */
export interface CompileSettings {
  /** FFMPEG_DISABLE_NVENC: never try the GPU encoder. */
  disableNvenc: boolean;
  /** FFMPEG_NVENC_PRESET (p1–p7 on current ffmpeg); default p4. */
  nvencPreset: string;
  /** FFMPEG_GLOBAL_ARGS: before the inputs of every ffmpeg run. */
  globalArgs: string[];
  /** FFMPEG_ENCODE_ARGS: after the encoder options of every segment encode. */
  encodeArgs: string[];
  /** FFMPEG_CONCAT_ARGS: output options of the final join. */
  concatArgs: string[];
  /** FFPROBE_ARGS: before the input of every ffprobe run. */
  probeArgs: string[];
  /** FFMPEG_THUMBNAIL_ARGS: output options of every thumbnail render (e.g. -q:v 2). */
  thumbnailArgs: string[];
  /** STATIC_BUMPER_PATH: the clip between segments; unset: a generated 0.5 s of TV static. */
  staticBumperPath?: string;
  /** DISABLE_OVERLAY: no creator/game box on clips. */
  disableOverlay: boolean;
  /** WATERMARK_PATH: an image (PNG with alpha) used as the watermark; unset: WATERMARK_TEXT. */
  watermarkPath?: string;
  watermarkText: string;
  /** COMPILE_CACHE_DIR: normalized intros, outros, transitions and bumpers, per profile. */
  cacheDir: string;
  /** COMPILE_CACHE_MAX_MB (in bytes here): the cache is trimmed to this after each compile. */
  cacheMaxBytes: number;
  /** COMPILE_SEGMENT_CONCURRENCY: segments encoded at once within one compile job. */
  segmentConcurrency: number;
}

const shellArgs = () =>
  z
    .string()
    .optional()
    .transform((value, ctx) => {
      try {
        return splitShellArgs(value ?? '');
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    });

/** Two at a time measured best on 2 cores (notes/compile.md); more on bigger machines. */
export const defaultSegmentConcurrency = () =>
  Math.max(2, Math.min(4, Math.ceil(cpus().length / 2)));

export const compileEnvShape = {
  FFMPEG_DISABLE_NVENC: envBoolean(false),
  FFMPEG_NVENC_PRESET: optionalString(),
  FFMPEG_GLOBAL_ARGS: shellArgs(),
  FFMPEG_ENCODE_ARGS: shellArgs(),
  FFMPEG_CONCAT_ARGS: shellArgs(),
  FFPROBE_ARGS: shellArgs(),
  FFMPEG_THUMBNAIL_ARGS: shellArgs(),
  STATIC_BUMPER_PATH: optionalString(),
  DISABLE_OVERLAY: envBoolean(false),
  WATERMARK_PATH: optionalString(),
  WATERMARK_TEXT: optionalString(),
  COMPILE_CACHE_DIR: optionalString(),
  COMPILE_CACHE_MAX_MB: envInt(2048, 16, 16 * 1024 * 1024),
  COMPILE_SEGMENT_CONCURRENCY: envInt(defaultSegmentConcurrency(), 1, 16),
};

export function toCompileSettings(
  parsed: z.output<z.ZodObject<typeof compileEnvShape>>,
): CompileSettings {
  return {
    disableNvenc: parsed.FFMPEG_DISABLE_NVENC,
    nvencPreset: parsed.FFMPEG_NVENC_PRESET ?? 'p4',
    globalArgs: parsed.FFMPEG_GLOBAL_ARGS,
    encodeArgs: parsed.FFMPEG_ENCODE_ARGS,
    concatArgs: parsed.FFMPEG_CONCAT_ARGS,
    probeArgs: parsed.FFPROBE_ARGS,
    thumbnailArgs: parsed.FFMPEG_THUMBNAIL_ARGS,
    staticBumperPath: parsed.STATIC_BUMPER_PATH && resolve(parsed.STATIC_BUMPER_PATH),
    disableOverlay: parsed.DISABLE_OVERLAY,
    watermarkPath: parsed.WATERMARK_PATH && resolve(parsed.WATERMARK_PATH),
    watermarkText: parsed.WATERMARK_TEXT ?? 'ClippyFront',
    cacheDir: resolve(parsed.COMPILE_CACHE_DIR ?? join(tmpdir(), 'clippyfront-cache', 'segments')),
    cacheMaxBytes: parsed.COMPILE_CACHE_MAX_MB * 1024 * 1024,
    segmentConcurrency: parsed.COMPILE_SEGMENT_CONCURRENCY,
  };
}

export function loadCompileSettings(env: NodeJS.ProcessEnv): CompileSettings {
  return toCompileSettings(parseEnv(z.object(compileEnvShape), env));
}
