import type { JobKind, JobPayloads, JobResults } from '@clippyfront/shared';
import type { CompileSettings } from '../compile/compile-settings.js';
import type { DownloadSettings } from '../download/download-settings.js';
import type { FfmpegLocation } from '../ffmpeg/ffmpeg-locator.js';
import type { JobMediaAccess } from './media-access.js';

/** What a job handler gets, the same whether it runs in a worker or in the API process. */
export interface JobContext<K extends JobKind = JobKind> {
  jobId: string;
  payload: JobPayloads[K];
  attempt: number;
  /** Aborted when the job is cancelled: stop work and kill child processes. */
  signal: AbortSignal;
  ffmpeg: FfmpegLocation;
  media: JobMediaAccess;
  /** Settings of download jobs; unset: read from the process environment. */
  download?: DownloadSettings;
  /** Settings of compile jobs; unset: read from the process environment. */
  compile?: CompileSettings;
  /** A private temporary folder, removed after the job whatever its outcome. */
  workDir: string;
  progress(percent: number): void;
  log(line: string): void;
}

export type JobHandler<K extends JobKind> = (ctx: JobContext<K>) => Promise<JobResults[K]>;
