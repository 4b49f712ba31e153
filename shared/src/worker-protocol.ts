import type { ArtifactReport } from './compilations.js';
import type { CompileEncoder } from './compile.js';
import type { JobKind } from './jobs.js';
import type { AcceptedQueueName, QueueName } from './queues.js';

/**
 * Header that carries the worker's credential: its own worker token on every call, or (to
 * register only) WORKER_API_KEY or a one-time registration token.
 */
export const WORKER_KEY_HEADER = 'x-worker-key';

/** Worker tokens start with this, so they are told apart from WORKER_API_KEY at a glance. */
export const WORKER_TOKEN_PREFIX = 'cfw_';

/** In the 401 message for a worker token an admin revoked (the worker must not re-register). */
export const WORKER_REVOKED_MARK = 'revoked';

/** What a worker says about itself when it registers (and in every heartbeat). */
export interface WorkerRegisterRequest {
  name: string;
  /** A deprecated alias (`cpu`) is accepted and stored as the queue it stands for. */
  queues: AcceptedQueueName[];
  concurrency: number;
  version: string;
  ffmpegVersion: string | null;
  /** The compile encoder chosen at start (NVENC after a successful test encode); null: no ffmpeg. */
  encoder?: EncoderStatus | null;
}

/** The worker's own token: shown once, stored by the worker, sent on every later call. */
export interface WorkerRegisterResponse {
  workerId: string;
  token: string;
}

export interface WorkerHeartbeatRequest extends WorkerRegisterRequest {
  /** Optional: the API knows it from the token; a different one is refused (403). */
  workerId?: string;
  /**
   * Random per process start: a new one tells the API the worker restarted, so the jobs its
   * previous process held go back to the queue at once.
   */
  bootId?: string;
}

/** Admin → Workers: a registered worker. */
export interface AdminWorkerDto {
  workerId: string;
  name: string;
  queues: QueueName[];
  concurrency: number;
  version: string;
  ffmpegVersion: string | null;
  encoder: EncoderStatus | null;
  lastSeenAt: string;
  online: boolean;
  registeredAt: string;
  /** Set once an admin revoked it: its token no longer works. */
  revokedAt: string | null;
  jobsRunning: number;
  jobsCompleted: number;
  jobsFailed: number;
}

export interface CreateWorkerRegistrationTokenRequest {
  /** Default 60; at most 7 days. */
  expiresInMinutes?: number;
}

/** A one-time registration token: shown once, good for one registration until it expires. */
export interface WorkerRegistrationTokenDto {
  id: string;
  token: string;
  expiresAt: string;
}

export interface WorkerRevokeResponse {
  /** Jobs the worker held that went back to the queue (or failed, out of attempts). */
  releasedJobs: number;
}

/** Registration tokens start with this. */
export const WORKER_REGISTRATION_TOKEN_PREFIX = 'cfr_';

export interface EncoderStatus {
  encoder: CompileEncoder;
  /** Why: "NVENC test encode succeeded", "FFMPEG_DISABLE_NVENC is set", the failure… */
  reason: string;
}

export interface WorkerDto extends Omit<WorkerRegisterRequest, 'queues'> {
  workerId: string;
  queues: QueueName[];
  lastSeenAt: string;
  online: boolean;
}

export interface ClaimJobRequest {
  /** Optional: the API knows it from the token; a different one is refused (403). */
  workerId?: string;
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
