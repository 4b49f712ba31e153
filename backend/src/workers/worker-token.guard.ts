import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request } from 'express';
import { WORKER_KEY_HEADER } from '@clippyfront/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { type AuthWorker, WorkersService } from './workers.service.js';

type WorkerRequest = Request & { worker?: AuthWorker };

/** The credential a worker sent: X-Worker-Key, else a Bearer token. */
export function workerCredential(request: Request): string | undefined {
  const header = request.headers[WORKER_KEY_HEADER];
  const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  return (Array.isArray(header) ? header[0] : header) ?? bearer;
}

/**
 * Worker routes need the worker's own token (X-Worker-Key or Bearer), checked against the
 * database on every call, so a revoked one fails at once. Without WORKER_API_KEY set the worker
 * API is off: 404 (a 5xx would read as a server fault to clients and monitors).
 */
@Injectable()
export class WorkerTokenGuard implements CanActivate {
  constructor(
    private readonly workers: WorkersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.config.workerApiKey) {
      throw new NotFoundException('The worker API is disabled: set WORKER_API_KEY on the server');
    }
    const request = context.switchToHttp().getRequest<WorkerRequest>();
    request.worker = await this.workers.authenticate(workerCredential(request));
    return true;
  }
}

/** The worker of this request (behind WorkerTokenGuard). */
export const CurrentWorker = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const worker = context.switchToHttp().getRequest<WorkerRequest>().worker;
  if (!worker) throw new UnauthorizedException('A valid worker token is required');
  return worker;
});
