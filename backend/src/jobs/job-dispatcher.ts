import type { QueueName } from '@clippyfront/shared';
import type { JobEntity } from './job.entity.js';

/** What Redis and Bull say about the queues (Redis mode only). */
export interface BullQueueStats {
  redis: { version: string | null; usedMemoryBytes: number | null };
  queues: Record<QueueName, { waiting: number; active: number }>;
}

/** Delivers queued jobs to whatever runs them: Bull + workers, or the API process itself. */
export interface JobDispatcher {
  readonly mode: 'redis' | 'in-process';
  dispatch(job: JobEntity): Promise<void>;
  /** Stops a job that runs here (in-process); remote workers learn it from their next report. */
  cancel(jobId: string): Promise<void>;
  /** Re-delivers queued jobs the queue lost (Redis restarted or flushed, process restarted). */
  reconcile(queued: JobEntity[]): Promise<void>;
  /** Calls `listener` each time the queue's Redis connection is (again) ready. */
  onReconnect?(listener: () => void): void;
  redisStatus(): Promise<{ status: 'up' | 'down' | 'embedded'; error?: string }>;
  /** Bull's queue depths and Redis's version and memory; absent without Redis. */
  queueStats?(): Promise<BullQueueStats>;
}

export const JOB_DISPATCHER = Symbol('JOB_DISPATCHER');
