import type { Request } from 'express';
import { sameString } from '../auth/secrets.js';
import { workerCredential } from '../workers/worker-token.guard.js';

/** Whether the request carries WORKER_API_KEY (X-Worker-Key, or Bearer). */
export function hasWorkerKey(request: Request, expected: string | null): boolean {
  if (!expected) return false;
  const given = workerCredential(request);
  return !!given && sameString(given, expected);
}
