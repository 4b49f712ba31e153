import type { CompileJobResult } from './compilations.js';
import type { CompilePayload } from './compile.js';
import type { DownloadPayload, DownloadResult } from './projects.js';
import type { QueueName } from './queues.js';

/** Every job kind the system knows, with the queue it runs on. */
export const JOB_KINDS = {
  probe: { queue: 'celery' },
  thumbnail: { queue: 'celery' },
  download: { queue: 'celery' },
  /** On `gpu`; routed to `celery` while no online worker consumes `gpu`. */
  compile: { queue: 'gpu' },
} as const satisfies Record<string, { queue: QueueName }>;

export type JobKind = keyof typeof JOB_KINDS;
export const JOB_KIND_NAMES = Object.keys(JOB_KINDS) as JobKind[];

export const JOB_STATES = ['queued', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobState = (typeof JOB_STATES)[number];
/** States a job never leaves by itself. */
export const FINISHED_JOB_STATES: readonly JobState[] = ['completed', 'failed', 'cancelled'];

/** A generated test clip is probed: proves ffmpeg and ffprobe work where the job runs. */
export interface ProbePayload {
  durationSeconds: number;
  width: number;
  height: number;
  fps: number;
}

export interface ProbeStreamInfo {
  codec: string;
  width?: number;
  height?: number;
  fps?: number;
  sampleRate?: number;
  channels?: number;
}

export interface ProbeResult {
  ffmpegVersion: string;
  formatName: string;
  durationSeconds: number;
  sizeBytes: number;
  video: ProbeStreamInfo | null;
  audio: ProbeStreamInfo | null;
}

/** A media file gets its thumbnail: a representative video frame, or the image downscaled. */
export interface ThumbnailPayload {
  mediaId: string;
  /** Images are downscaled; videos give a frame from near their start. */
  isImage: boolean;
  durationSeconds: number | null;
}

export interface ThumbnailResult {
  width: number;
  height: number;
  sizeBytes: number;
}

/** Payload and result types, keyed by job kind. */
export interface JobPayloads {
  probe: ProbePayload;
  thumbnail: ThumbnailPayload;
  download: DownloadPayload;
  compile: CompilePayload;
}
export interface JobResults {
  probe: ProbeResult;
  thumbnail: ThumbnailResult;
  download: DownloadResult;
  compile: CompileJobResult;
}

/** A job as the API shows it (`GET /api/jobs/:id`). */
export interface JobDto {
  id: string;
  kind: JobKind;
  queue: QueueName;
  state: JobState;
  progress: number;
  ownerId: string | null;
  /** In lists: the owner's username (null for system jobs or a deleted owner). */
  ownerUsername?: string | null;
  payload: unknown;
  result: unknown;
  error: string | null;
  log: string[];
  attempts: number;
  maxAttempts: number;
  workerId: string | null;
  createdAt: string;
  updatedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface JobListDto {
  items: JobDto[];
  total: number;
}

/** What a Bull job carries: only the id; the job table holds everything else. */
export interface QueueJobData {
  jobId: string;
}
