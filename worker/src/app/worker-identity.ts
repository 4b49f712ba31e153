import { randomUUID } from 'node:crypto';

export interface WorkerIdentity {
  /** The id the API gave this worker when it registered (kept across restarts). */
  id: string;
  version: string;
  /** Random per process start: a new one tells the API the previous process is gone. */
  bootId: string;
}

export const WORKER_IDENTITY = Symbol('WORKER_IDENTITY');

export function createWorkerIdentity(workerId: string, version: string): WorkerIdentity {
  return { id: workerId, version, bootId: randomUUID() };
}
