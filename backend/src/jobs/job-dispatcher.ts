import type { JobEntity } from './job.entity.js';

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
}

export const JOB_DISPATCHER = Symbol('JOB_DISPATCHER');
