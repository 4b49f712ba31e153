import { join } from 'node:path';
import { stat } from 'node:fs/promises';
import { FfmpegRepository } from '../ffmpeg/ffmpeg.repository.js';
import type { JobHandler } from './job-context.js';

/** Thumbnails fit in this box; smaller sources are never enlarged. */
export const THUMBNAIL_MAX = 480;
const FIT = `scale='min(${THUMBNAIL_MAX},iw)':'min(${THUMBNAIL_MAX},ih)':force_original_aspect_ratio=decrease`;

/** Past the intro's fade-in, but early enough to be quick to seek to in long files. */
export function thumbnailSeekSeconds(durationSeconds: number | null): number {
  if (!durationSeconds || durationSeconds <= 0) return 0;
  return Math.min(durationSeconds * 0.1, 30);
}

/** A video's representative frame (ffmpeg's `thumbnail` filter), or an image downscaled. */
export const thumbnailHandler: JobHandler<'thumbnail'> = async (ctx) => {
  const { mediaId, isImage, durationSeconds } = ctx.payload;
  const ffmpeg = new FfmpegRepository(ctx.ffmpeg);
  const output = join(ctx.workDir, 'thumbnail.jpg');
  const source = await ctx.media.input(mediaId);
  const seek = isImage ? 0 : thumbnailSeekSeconds(durationSeconds);
  ctx.log(isImage ? 'Downscaling the image' : `Picking a frame from ${seek.toFixed(1)} s on`);
  ctx.progress(10);
  await ffmpeg.run(
    (command) => {
      command.input(source.url);
      // One argument per option: fluent-ffmpeg splits single strings on their space.
      if (source.inputOptions.length) command.inputOptions(...source.inputOptions);
      if (seek > 0) command.inputOptions('-ss', seek.toFixed(3));
      command
        .outputOptions('-vf', isImage ? FIT : `thumbnail=n=50,${FIT}`)
        .outputOptions('-frames:v', '1', '-q:v', '4', '-update', '1')
        .output(output);
    },
    { signal: ctx.signal, timeoutSeconds: 300 },
  );
  ctx.progress(70);
  const probed = await ffmpeg.probe(output);
  const { size } = await stat(output);
  if (!probed.video?.width || !probed.video.height || size === 0) {
    throw new Error('ffmpeg produced no thumbnail');
  }
  await ctx.media.saveThumbnail(output);
  ctx.log(`Thumbnail ${probed.video.width}x${probed.video.height}, ${size} bytes`);
  ctx.progress(100);
  return { width: probed.video.width, height: probed.video.height, sizeBytes: size };
};
