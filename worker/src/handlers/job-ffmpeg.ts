import { loadCompileSettings } from '../compile/compile-settings.js';
import { FfmpegRepository } from '../ffmpeg/ffmpeg.repository.js';
import type { JobContext } from './job-context.js';

/** ffmpeg for a job, with the FFMPEG_GLOBAL_ARGS, FFPROBE_ARGS and FFMPEG_THUMBNAIL_ARGS set. */
export function jobFfmpeg(ctx: Pick<JobContext, 'ffmpeg' | 'compile'>): FfmpegRepository {
  // Inside the API process (embedded mode) the same variables are read from its environment.
  const settings = ctx.compile ?? loadCompileSettings(process.env);
  return new FfmpegRepository(ctx.ffmpeg, {
    global: settings.globalArgs,
    probe: settings.probeArgs,
    thumbnail: settings.thumbnailArgs,
  });
}
