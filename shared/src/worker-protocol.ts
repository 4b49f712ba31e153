import type { ArtifactReport } from './compilations.js';
import type { CompileEncoder } from './compile.js';
import type { JobKind } from './jobs.js';
import type { QueueName } from './queues.js';

/** Header that carries WORKER_API_KEY on every worker request. */
export const WORKER_KEY_HEADER = 'x-worker-key';

export interface WorkerHeartbeatRequest {
  workerId: string;
  name: string;
  queues: QueueName[];
  concurrency: number;
  version: string;
  ffmpegVersion: string | null;
  /** The compile encoder chosen at start (NVENC after a successful test encode); null: no ffmpeg. */
  encoder?: EncoderStatus | null;
}

export interface EncoderStatus {
  encoder: CompileEncoder;
  /** Why: "NVENC test encode succeeded", "FFMPEG_DISABLE_NVENC is set", the failure… */
  reason: string;
}

export interface WorkerDto extends WorkerHeartbeatRequest {
  lastSeenAt: string;
  online: boolean;
}

export interface ClaimJobRequest {
  workerId: string;
  /**
   * true: the job named is only a wake-up, and the API hands out the fairest queued job of the
   * same queue (between users), whose id the response's `jobId` gives. Without it (workers that
   * predate it), exactly the job named is claimed.
   */
  fair?: boolean;
}

/** The token must accompany every later call about this job; a new claim revokes it. */
export interface ClaimJobResponse {
  jobId: string;
  kind: JobKind;
  payload: unknown;
  attempt: number;
  token: string;
}

export interface JobUpdateRequest {
  token: string;
  progress?: number;
  log?: string[];
}

/** `cancelled: true` tells the worker to stop the work now. */
export interface JobUpdateResponse {
  cancelled: boolean;
}

export interface CompleteJobRequest {
  token: string;
  result: unknown;
  log?: string[];
}

export interface FailJobRequest {
  token: string;
  error: string;
  log?: string[];
}

/** Carries the per-job token on requests whose body is a file, not JSON. */
export const JOB_TOKEN_HEADER = 'x-job-token';

/** The most artifact states one `POST /api/worker/artifacts` may carry. */
export const MAX_ARTIFACT_REPORTS = 100;

/** One artifact's state, for the job that made it. */
export interface JobArtifactReport extends ArtifactReport {
  jobId: string;
}

/**
 * `POST /api/worker/artifacts`: what a worker with ARTIFACTS_DIR saw of its artifacts' sidecar
 * markers since its last report (all of them again after a restart: reports are idempotent).
 */
export interface ArtifactReportsRequest {
  workerId: string;
  reports: JobArtifactReport[];
}

/** `updated`: stored; `stale`: older than what is stored; `unknown`: no compilation has the job. */
export interface ArtifactReportsResponse {
  updated: number;
  stale: number;
  unknown: number;
}
