/** The admin console's shapes: system facts, every user's jobs and projects, new accounts. */
import type { UserRole, WatermarkOverride } from './auth.js';
import type { CompilationSource } from './compilations.js';
import type { JobKind, JobState } from './jobs.js';
import type { QueueName } from './queues.js';
import type { EncoderStatus, WorkerDto } from './worker-protocol.js';

/** One queue's depth: `waiting`/`active` from Bull with Redis, else from the jobs table. */
export interface QueueStatsDto {
  name: QueueName;
  waiting: number;
  active: number;
  /** Failed jobs in the jobs table (Bull drops its failed entries). */
  failed: number;
  source: 'bull' | 'jobs-table';
}

/** A worker seen within WORKER_ONLINE_SECONDS, with the jobs it runs now. */
export interface SystemWorkerDto extends WorkerDto {
  currentJobs: number;
}

export const DISK_FOLDERS = ['data', 'tmp', 'cache', 'logs', 'artifacts'] as const;
export type DiskFolder = (typeof DISK_FOLDERS)[number];

export interface DiskFolderDto {
  name: DiskFolder;
  /** null: not configured (e.g. no ARTIFACTS_DIR). */
  path: string | null;
  /** null: missing or unreadable. */
  bytes: number | null;
  files: number;
  /** false: the count stopped at its time limit; `bytes` is a lower bound. */
  complete: boolean;
}

export interface ToolVersionDto {
  path: string | null;
  version: string | null;
}

/** A piece of the API's periodic work (this process's timers) and how its last run went. */
export interface PeriodicTaskDto {
  name: string;
  description: string;
  /** Seconds between runs; null: off (its setting turns it off). */
  everySeconds: number | null;
  /** The environment setting(s) the interval comes from; null: a fixed interval. */
  setting: string | null;
  /** A run is under way now. */
  running: boolean;
  /** When the last finished run started; null: none finished since this process started. */
  lastRunAt: string | null;
  lastDurationMs: number | null;
  /** Whether the last finished run succeeded. */
  lastOk: boolean | null;
  /** The most recent failure's message and start time (kept after later successes). */
  lastError: string | null;
  lastErrorAt: string | null;
}

/** `GET /api/admin/system`. */
export interface SystemInfoDto {
  version: string;
  uptimeSeconds: number;
  database: {
    status: 'up' | 'down';
    mode: 'embedded' | 'external';
    serverVersion: string | null;
    sizeBytes: number | null;
    error?: string;
  };
  redis: {
    status: 'up' | 'down' | 'not-configured';
    version: string | null;
    usedMemoryBytes: number | null;
    queuePrefix: string | null;
    error?: string;
  };
  jobs: { mode: 'redis' | 'in-process' };
  queues: QueueStatsDto[];
  workers: SystemWorkerDto[];
  disk: {
    instancePath: string;
    folders: DiskFolderDto[];
    /** statfs of the instance folder's file system. */
    freeBytes: number | null;
    totalBytes: number | null;
  };
  tools: { ffmpeg: ToolVersionDto; ffprobe: ToolVersionDto; ytDlp: ToolVersionDto };
  /** This process's compile encoder (in-process jobs); workers report theirs. */
  encoder: EncoderStatus | null;
  /** This API process's periodic tasks, as listed in the backend's periodic-tasks.ts. */
  periodicTasks: PeriodicTaskDto[];
}

/** `POST /api/admin/jobs/retry-failed`: which failed jobs to queue again (all when empty). */
export interface RetryFailedJobsRequest {
  kind?: JobKind;
  /** Username of the owner. */
  owner?: string;
}

export interface RetryFailedJobsDto {
  retried: number;
  /** Failed jobs left as they were: their owner is at a job cap, or they changed meanwhile. */
  skipped: number;
  /** One line per skipped job, at most a few. */
  problems: string[];
}

/** `GET /api/admin/projects`: one row per project of any user. */
export interface AdminProjectDto {
  id: string;
  name: string;
  ownerId: string;
  ownerUsername: string;
  clipCount: number;
  /** An import (`source` 'ingest') counts as completed when it was imported. */
  lastCompilation: { state: JobState; at: string; source: CompilationSource } | null;
  createdAt: string;
  updatedAt: string;
}

export interface AdminProjectListDto {
  items: AdminProjectDto[];
  total: number;
}

/** `POST /api/admin/users`. */
export interface AdminCreateUserRequest {
  username: string;
  email: string;
  password: string;
  role?: UserRole;
  /** Omitted: the default tier; null: none. */
  tierId?: string | null;
  watermarkOverride?: WatermarkOverride;
}

/** `GET /api/auth/registration`: whether the register page may be used (REGISTRATION_OPEN). */
export interface RegistrationStatusDto {
  open: boolean;
}
