import { rm } from 'node:fs/promises';
import { JOB_KINDS, type JobKind } from '@clippyfront/shared';
import type { CompileSettings } from '../compile/compile-settings.js';
import type { DownloadSettings } from '../download/download-settings.js';
import type { FfmpegLocation } from '../ffmpeg/ffmpeg-locator.js';
import { JOB_HANDLERS, type JobContext, type JobMediaAccess } from '../handlers/index.js';
import { ClaimLostError } from './claim-lost.js';
import { JobReportBuffer, type JobUpdate } from './job-report-buffer.js';
import { createWorkDir } from './work-dirs.js';

export interface ClaimedJob {
  jobId: string;
  kind: string;
  payload: unknown;
  attempt: number;
}

/** How a running job talks back: HTTP from a worker, direct calls inside the API. */
export interface JobReporter {
  update(update: JobUpdate): Promise<{ cancelled: boolean }>;
  complete(result: unknown, final: JobUpdate): Promise<void>;
  fail(error: string, final: JobUpdate): Promise<void>;
}

/** `lost`: the API took the claim back (stalled, then reclaimed); stopped like a cancel. */
export type JobOutcome = 'completed' | 'failed' | 'cancelled' | 'lost';

function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(JOB_KINDS, kind);
}

/** Runs one claimed job through its handler, reporting as it goes; never throws. */
export async function runJob(
  job: ClaimedJob,
  reporter: JobReporter,
  media: JobMediaAccess,
  ffmpeg: FfmpegLocation,
  options: {
    signal?: AbortSignal;
    reportIntervalMs?: number;
    /** A worker's DOWNLOAD_* and YT_DLP_* settings; unset: read from the environment. */
    download?: DownloadSettings;
    /** A worker's FFMPEG_* and COMPILE_* settings; unset: read from the environment. */
    compile?: CompileSettings;
    onReportError?: (message: string) => void;
    /** Called once when the job stops because its claim was lost. */
    onClaimLost?: (message: string) => void;
  } = {},
): Promise<JobOutcome> {
  const abort = new AbortController();
  const forwardAbort = () => abort.abort();
  if (options.signal?.aborted) abort.abort();
  options.signal?.addEventListener('abort', forwardAbort, { once: true });
  let lost: ClaimLostError | undefined;
  const stop = (claimLost?: ClaimLostError) => {
    lost ??= claimLost;
    abort.abort();
  };
  const buffer = new JobReportBuffer(
    (update) => reporter.update(update),
    stop,
    (error) =>
      options.onReportError?.(
        `Progress report failed (sent again until it gets through): ${error.message}`,
      ),
    options.reportIntervalMs,
    () => options.onReportError?.('Progress reports get through again'),
  );
  const claimLost = (error: ClaimLostError): JobOutcome => {
    stop(error);
    options.onClaimLost?.(error.message);
    return 'lost';
  };
  let workDir: string | undefined;
  buffer.start();
  try {
    if (abort.signal.aborted) throw new Error('Cancelled before start');
    if (!isJobKind(job.kind)) throw new Error(`Unknown job kind "${job.kind}"`);
    workDir = await createWorkDir(job.kind);
    const context: JobContext = {
      jobId: job.jobId,
      payload: job.payload as JobContext['payload'],
      attempt: job.attempt,
      signal: abort.signal,
      ffmpeg,
      media,
      download: options.download,
      compile: options.compile,
      workDir,
      progress: (percent) => buffer.setProgress(percent),
      log: (line) => buffer.log(line),
    };
    const handler = JOB_HANDLERS[job.kind] as (ctx: JobContext) => Promise<unknown>;
    const result = await handler(context);
    await buffer.stop();
    if (lost) return claimLost(lost);
    await reporter.complete(result, buffer.drain());
    return 'completed';
  } catch (error) {
    await buffer.stop();
    if (lost || error instanceof ClaimLostError)
      return claimLost(lost ?? (error as ClaimLostError));
    if (abort.signal.aborted) return 'cancelled';
    const message = error instanceof Error ? error.message : String(error);
    try {
      await reporter.fail(message, buffer.drain());
    } catch (reportError) {
      if (reportError instanceof ClaimLostError) {
        return claimLost(new ClaimLostError(`${reportError.message}; it had failed: ${message}`));
      }
      options.onReportError?.(
        `Could not report the failure (${message}): ${(reportError as Error).message}`,
      );
    }
    return 'failed';
  } finally {
    options.signal?.removeEventListener('abort', forwardAbort);
    if (workDir) await rm(workDir, { recursive: true, force: true });
  }
}
