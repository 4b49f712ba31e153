import { timingSafeEqual } from 'node:crypto';
import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { WORKER_KEY_HEADER } from '@clippyfront/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Whether the request carries WORKER_API_KEY (X-Worker-Key, or Bearer). */
export function hasWorkerKey(request: Request, expected: string | null): boolean {
  if (!expected) return false;
  const header = request.headers[WORKER_KEY_HEADER];
  const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const given = (Array.isArray(header) ? header[0] : header) ?? bearer;
  return !!given && sameSecret(given, expected);
}

/**
 * Worker routes need WORKER_API_KEY, in X-Worker-Key or as a Bearer token. Without a key set
 * the worker API is off: 404 (a 5xx would read as a server fault to clients and monitors).
 */
@Injectable()
export class WorkerKeyGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.config.workerApiKey;
    if (!expected) {
      throw new NotFoundException('The worker API is disabled: set WORKER_API_KEY on the server');
    }
    const request = context.switchToHttp().getRequest<Request>();
    if (!hasWorkerKey(request, expected)) {
      throw new UnauthorizedException('A valid worker key is required');
    }
    return true;
  }
}
