import { randomUUID } from 'node:crypto';

export interface WorkerIdentity {
  /** Unique per process start, so a restarted worker is a new worker. */
  id: string;
  version: string;
}

export const WORKER_IDENTITY = Symbol('WORKER_IDENTITY');

export function createWorkerIdentity(name: string, version: string): WorkerIdentity {
  return { id: `${name}-${randomUUID().slice(0, 8)}`, version };
}
