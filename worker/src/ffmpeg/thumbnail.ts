import { stat } from 'node:fs/promises';
import type { FfmpegRepository } from './ffmpeg.repository.js';

/** Thumbnails fit in this box; smaller sources are never enlarged. */
export const THUMBNAIL_MAX = 480;
const FIT = `scale='min(${THUMBNAIL_MAX},iw)':'min(${THUMBNAIL_MAX},ih)':force_original_aspect_ratio=decrease`;

/** Past the intro's fade-in, but early enough to be quick to seek to in long files. */
export function thumbnailSeekSeconds(durationSeconds: number | null): number {
  if (!durationSeconds || durationSeconds <= 0) return 0;
  return Math.min(durationSeconds * 0.1, 30);
}

export interface ThumbnailOptions {
  /** A local path or URL ffmpeg can read, and the input options it needs (headers). */
  source: { url: string; inputOptions: string[] };
  /** Where the JPEG goes. */
  output: string;
  isImage: boolean;
  durationSeconds: number | null;
  signal: AbortSignal;
  timeoutSeconds?: number;
}

export interface Thumbnail {
  width: number;
  height: number;
  sizeBytes: number;
}

/**
 * A video's representative frame (ffmpeg's `thumbnail` filter) or an image downscaled, as a
 * JPEG in the THUMBNAIL_MAX box; used by thumbnail jobs and by artifact export.
 */
export async function renderThumbnail(
  ffmpeg: FfmpegRepository,
  options: ThumbnailOptions,
): Promise<Thumbnail> {
  const { source, output, isImage } = options;
  const seek = isImage ? 0 : thumbnailSeekSeconds(options.durationSeconds);
  await ffmpeg.run(
    (command) => {
      command.input(source.url);
      // One argument per option: fluent-ffmpeg splits single strings on their space.
      if (source.inputOptions.length) command.inputOptions(...source.inputOptions);
      if (seek > 0) command.inputOptions('-ss', seek.toFixed(3));
      command
        .outputOptions('-vf', isImage ? FIT : `thumbnail=n=50,${FIT}`)
        .outputOptions('-frames:v', '1', '-q:v', '4', '-update', '1');
      // Later options win: FFMPEG_THUMBNAIL_ARGS may override the quality, say.
      if (ffmpeg.extraArgs.thumbnail.length) command.outputOptions(...ffmpeg.extraArgs.thumbnail);
      command.output(output);
    },
    { signal: options.signal, timeoutSeconds: options.timeoutSeconds ?? 300 },
  );
  const probed = await ffmpeg.probe(output);
  const { size } = await stat(output);
  if (!probed.video?.width || !probed.video.height || size === 0) {
    throw new Error('ffmpeg produced no thumbnail');
  }
  return { width: probed.video.width, height: probed.video.height, sizeBytes: size };
}
