import { join } from 'node:path';
import { renderThumbnail, thumbnailSeekSeconds } from '../ffmpeg/thumbnail.js';
import type { JobHandler } from './job-context.js';
import { jobFfmpeg } from './job-ffmpeg.js';

export { THUMBNAIL_MAX, thumbnailSeekSeconds } from '../ffmpeg/thumbnail.js';

/** A video's representative frame (ffmpeg's `thumbnail` filter), or an image downscaled. */
export const thumbnailHandler: JobHandler<'thumbnail'> = async (ctx) => {
  const { mediaId, isImage, durationSeconds } = ctx.payload;
  const output = join(ctx.workDir, 'thumbnail.jpg');
  const source = await ctx.media.input(mediaId);
  const seek = isImage ? 0 : thumbnailSeekSeconds(durationSeconds);
  ctx.log(isImage ? 'Downscaling the image' : `Picking a frame from ${seek.toFixed(1)} s on`);
  ctx.progress(10);
  const thumbnail = await renderThumbnail(jobFfmpeg(ctx), {
    source,
    output,
    isImage,
    durationSeconds,
    signal: ctx.signal,
  });
  ctx.progress(70);
  await ctx.media.saveThumbnail(output);
  ctx.log(`Thumbnail ${thumbnail.width}x${thumbnail.height}, ${thumbnail.sizeBytes} bytes`);
  ctx.progress(100);
  return thumbnail;
};
