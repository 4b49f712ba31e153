import type { Request } from 'express';
import { WORKER_KEY_HEADER } from '@clippyfront/shared';

/** The credential a worker sent: X-Worker-Key, else a Bearer token. */
export function workerCredential(request: Request): string | undefined {
  const header = request.headers[WORKER_KEY_HEADER];
  const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return (Array.isArray(header) ? header[0] : header) ?? bearer;
}
