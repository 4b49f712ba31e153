import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  NotFoundException,
  UnauthorizedException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { runStrategy } from '../auth/run-strategy.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { WorkerTokenStrategy } from './worker-token.strategy.js';
import type { AuthWorker } from './workers.service.js';

export { workerCredential } from './worker-credential.js';

type WorkerRequest = Request & { worker?: AuthWorker };

/**
 * Worker routes need the worker's own token (the worker-token passport strategy, checked
 * against the database on every call, so a revoked one fails at once); the worker lands on
 * `request.worker`. Without WORKER_API_KEY set the worker API is off: 404 (a 5xx would read as a
 * server fault to clients and monitors).
 */
@Injectable()
export class WorkerTokenGuard implements CanActivate {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly strategy: WorkerTokenStrategy,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (!this.config.workerApiKey) {
      throw new NotFoundException('The worker API is disabled: set WORKER_API_KEY on the server');
    }
    const http = context.switchToHttp();
    const request = http.getRequest<WorkerRequest>();
    request.worker = await runStrategy<AuthWorker>(
      this.strategy,
      request,
      http.getResponse<Response>(),
    );
    if (!request.worker) throw new UnauthorizedException('A valid worker token is required');
    return true;
  }
}

/** The worker of this request (behind WorkerTokenGuard). */
export const CurrentWorker = createParamDecorator((_: unknown, context: ExecutionContext) => {
  const worker = context.switchToHttp().getRequest<WorkerRequest>().worker;
  if (!worker) throw new UnauthorizedException('A valid worker token is required');
  return worker;
});
