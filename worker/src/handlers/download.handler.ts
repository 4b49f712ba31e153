import { exportClipArtifact } from '../artifacts/clip-artifact.js';
import { exportOrWarn } from '../artifacts/media-artifact.js';
import { loadDownloadSettings } from '../download/download-settings.js';
import { refusalForFile } from '../download/content-check.js';
import { fetchClip } from '../download/fetch-clip.js';
import { clipFileName } from '../download/file-name.js';
import { formatBytes, formatSeconds } from '../download/format.js';
import type { FfmpegRepository, ProbedMedia } from '../ffmpeg/ffmpeg.repository.js';
import { FfmpegMissingError } from '../ffmpeg/ffmpeg-locator.js';
import type { JobHandler } from './job-context.js';
import { jobFfmpeg } from './job-ffmpeg.js';

/** Share of the progress bar given to the transfer; probing and uploading take the rest. */
const TRANSFER_SHARE = 90;

async function probeVideo(ffmpeg: FfmpegRepository, path: string): Promise<ProbedMedia> {
  let probed: ProbedMedia;
  try {
    probed = await ffmpeg.probe(path);
  } catch (error) {
    throw new Error(`The downloaded file is not a readable video (${(error as Error).message})`, {
      cause: error,
    });
  }
  if (!probed.video) throw new Error('The downloaded file has no video stream');
  return probed;
}

/** Fetches a clip URL into the job's folder, checks it is a video, and sends it to the library. */
export const downloadHandler: JobHandler<'download'> = async (ctx) => {
  if (!ctx.ffmpeg.ffmpegPath || !ctx.ffmpeg.ffprobePath) throw new FfmpegMissingError(ctx.ffmpeg);
  // Inside the API process (embedded mode) the same variables are read from its environment.
  const settings = ctx.download ?? loadDownloadSettings(process.env);
  const started = Date.now();
  ctx.log(`Downloading ${ctx.payload.url}`);
  const file = await fetchClip(ctx.payload, {
    settings,
    workDir: ctx.workDir,
    signal: ctx.signal,
    ffmpegPath: ctx.ffmpeg.ffmpegPath,
    onProgress: (percent) => ctx.progress(Math.floor((percent * TRANSFER_SHARE) / 100)),
    log: (line) => ctx.log(line),
  });
  ctx.log(`Downloaded ${formatBytes(file.sizeBytes)} in ${formatSeconds(Date.now() - started)}`);
  ctx.progress(TRANSFER_SHARE);

  const refusal = await refusalForFile(file.path);
  if (refusal) throw new Error(refusal);
  const ffmpeg = jobFfmpeg(ctx);
  const probed = await probeVideo(ffmpeg, file.path);
  const { video } = probed;
  ctx.log(
    `Probed: ${probed.formatName}, ${probed.durationSeconds.toFixed(1)} s, ` +
      `video ${video?.codec} ${video?.width}x${video?.height}, audio ${probed.audio?.codec ?? 'none'}`,
  );
  if (ctx.signal.aborted) throw new Error('Cancelled');

  const fileName = clipFileName(file.name, probed.formatName);
  ctx.log(`Sending ${fileName} to the library`);
  const { mediaId } = await ctx.media.saveOutput(file.path, fileName, ctx.signal);
  const durationSeconds = probed.durationSeconds > 0 ? probed.durationSeconds : null;
  const { artifacts } = settings;
  if (artifacts) {
    // The clip is in the library already: a failed export is a warning, not a failed job.
    const log = (line: string) => ctx.log(line);
    await exportOrWarn(artifacts, log, 'the clip', () =>
      exportClipArtifact(
        {
          jobId: ctx.jobId,
          clipId: ctx.payload.clipId,
          mediaId,
          sourceUrl: ctx.payload.url,
          source: ctx.payload.source,
          filePath: file.path,
          fileName,
          durationSeconds,
          width: video?.width ?? null,
          height: video?.height ?? null,
        },
        { settings: artifacts, ffmpeg, signal: ctx.signal, log },
      ),
    );
  }
  ctx.progress(100);
  return { mediaId, sizeBytes: file.sizeBytes, durationSeconds };
};
