import { join } from 'node:path';
import type { ArtifactReport } from '@clippyfront/shared';
import { exportCompilationArtifact } from '../artifacts/compilation-artifact.js';
import { exportOrWarn } from '../artifacts/media-artifact.js';
import type { CompileSources } from '../compile/compile.js';
import { compileVideo } from '../compile/compile.js';
import { loadCompileSettings } from '../compile/compile-settings.js';
import { loadDownloadSettings } from '../download/download-settings.js';
import { outputFormatOf } from '../compile/output-format.js';
import { clipFileName } from '../download/file-name.js';
import { FfmpegMissingError } from '../ffmpeg/ffmpeg-locator.js';
import type { JobHandler } from './job-context.js';
import { jobFfmpeg } from './job-ffmpeg.js';

/** Share of the progress bar given to the render; sending the file to the library takes the rest. */
const RENDER_SHARE = 97;

/**
 * Renders a project's compilation (intro, clips with overlays, transitions, bumpers, outro) and
 * sends the file (MP4, WebM or MKV) to the library as the project's `compilation` media; with ARTIFACTS_DIR set, also
 * exports it there for the artifact-sync sidecar.
 */
export const compileHandler: JobHandler<'compile'> = async (ctx) => {
  const { ffmpegPath, ffprobePath } = ctx.ffmpeg;
  if (!ffmpegPath || !ffprobePath) throw new FfmpegMissingError(ctx.ffmpeg);
  // Inside the API process (embedded mode) the same variables are read from its environment.
  const settings = ctx.compile ?? loadCompileSettings(process.env);
  // ARTIFACTS_DIR, as for downloads: the finished video is exported there too.
  const artifacts = (ctx.download ?? loadDownloadSettings(process.env)).artifacts;
  const { payload, workDir, signal } = ctx;
  ctx.log('Starting');
  const sources: CompileSources = {
    clipInput: (clip) => ctx.media.input(clip.mediaId),
    assetFile: (ref) => ctx.media.localCopy(ref.mediaId, workDir, signal),
    avatarFile: (clip) => ctx.media.avatar(clip.clipId, workDir, signal),
  };
  const { extension } = outputFormatOf(payload.output);
  const fileName = clipFileName(
    `${payload.outputName?.trim() || 'compilation'}.${extension}`,
    extension,
  );
  const result = await compileVideo({
    payload,
    sources,
    ffmpegPath,
    ffprobePath,
    settings,
    workDir,
    outputPath: join(workDir, `output.${extension}`),
    signal,
    progress: (percent) => ctx.progress(Math.floor((percent * RENDER_SHARE) / 100)),
    log: (line) => ctx.log(line),
  });
  ctx.log(
    `Rendered ${result.durationSeconds.toFixed(1)} s in ${result.renderSeconds} s (${result.encoder})`,
  );
  ctx.log(`Saving output: ${fileName}`);
  const { mediaId } = await ctx.media.saveOutput(result.mediaPath, fileName, signal);
  let artifact: ArtifactReport | undefined;
  if (artifacts) {
    // The video is in the library already: a failed export is a warning, not a failed job.
    const log = (line: string) => ctx.log(line);
    const ffmpeg = jobFfmpeg(ctx);
    artifact = await exportOrWarn(artifacts, log, 'the compilation', () =>
      exportCompilationArtifact(
        {
          ...result,
          ...payload.output,
          jobId: ctx.jobId,
          projectId: payload.projectId,
          outputName: payload.outputName,
          mediaId,
          filePath: result.mediaPath,
          fileName,
        },
        { settings: artifacts, ffmpeg, signal, log },
      ),
    );
  }
  ctx.progress(100);
  return {
    mediaId,
    durationSeconds: result.durationSeconds,
    sizeBytes: result.sizeBytes,
    renderSeconds: result.renderSeconds,
    encoder: result.encoder,
    chapters: result.chapters,
    chaptersText: result.chaptersText,
    // The sidecar's later markers (pushed, failed push) follow in ArtifactReporter's reports.
    ...(artifact && { artifact }),
  };
};
