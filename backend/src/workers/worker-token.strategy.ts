import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import { workerCredential } from './worker-credential.js';
import { type AuthWorker, WorkersService } from './workers.service.js';

export const WORKER_TOKEN_STRATEGY = 'worker-token';

/** A worker's own token (X-Worker-Key or Bearer), checked on every call: 401 when refused. */
@Injectable()
export class WorkerTokenStrategy extends PassportStrategy(Strategy, WORKER_TOKEN_STRATEGY) {
  constructor(private readonly workers: WorkersService) {
    super();
  }

  validate(request: Request): Promise<AuthWorker> {
    return this.workers.authenticate(workerCredential(request));
  }
}
