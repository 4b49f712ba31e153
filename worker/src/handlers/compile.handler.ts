import { join } from 'node:path';
import type { CompileSources } from '../compile/compile.js';
import { compileVideo } from '../compile/compile.js';
import { loadCompileSettings } from '../compile/compile-settings.js';
import { clipFileName } from '../download/file-name.js';
import { FfmpegMissingError } from '../ffmpeg/ffmpeg-locator.js';
import type { JobHandler } from './job-context.js';

/** Share of the progress bar given to the render; sending the file to the library takes the rest. */
const RENDER_SHARE = 97;

/**
 * Renders a project's compilation (intro, clips with overlays, transitions, bumpers, outro) and
 * sends the MP4 to the library as the project's `compilation` media.
 */
export const compileHandler: JobHandler<'compile'> = async (ctx) => {
  const { ffmpegPath, ffprobePath } = ctx.ffmpeg;
  if (!ffmpegPath || !ffprobePath) throw new FfmpegMissingError(ctx.ffmpeg);
  // Inside the API process (embedded mode) the same variables are read from its environment.
  const settings = ctx.compile ?? loadCompileSettings(process.env);
  const { payload, workDir, signal } = ctx;
  ctx.log('Starting');
  const sources: CompileSources = {
    clipInput: (clip) => ctx.media.input(clip.mediaId),
    assetFile: (ref) => ctx.media.localCopy(ref.mediaId, workDir, signal),
    avatarFile: (clip) => ctx.media.avatar(clip.clipId, workDir, signal),
  };
  const fileName = clipFileName(`${payload.outputName?.trim() || 'compilation'}.mp4`, 'mp4');
  const result = await compileVideo({
    payload,
    sources,
    ffmpegPath,
    ffprobePath,
    settings,
    workDir,
    outputPath: join(workDir, 'output.mp4'),
    signal,
    progress: (percent) => ctx.progress(Math.floor((percent * RENDER_SHARE) / 100)),
    log: (line) => ctx.log(line),
  });
  ctx.log(
    `Rendered ${result.durationSeconds.toFixed(1)} s in ${result.renderSeconds} s (${result.encoder})`,
  );
  ctx.log(`Saving output: ${fileName}`);
  const { mediaId } = await ctx.media.saveOutput(result.mediaPath, fileName, signal);
  ctx.progress(100);
  return {
    mediaId,
    durationSeconds: result.durationSeconds,
    sizeBytes: result.sizeBytes,
    renderSeconds: result.renderSeconds,
    encoder: result.encoder,
    chapters: result.chapters,
    chaptersText: result.chaptersText,
  };
};
