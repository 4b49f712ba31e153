import { Controller, Get, Inject, Req, Res } from '@nestjs/common';
import {
  ApiExtraModels,
  ApiOkResponse,
  ApiServiceUnavailableResponse,
  ApiTags,
  getSchemaPath,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { Public } from '../auth/auth.decorators.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { NoRateLimits } from '../rate-limit/app-throttler.guard.js';
import { hasWorkerKey } from '../worker-api/worker-key.js';
import { workerCredential } from '../workers/worker-token.guard.js';
import { WorkersService } from '../workers/workers.service.js';
import { HealthResponse, HealthSummaryResponse } from './health.dto.js';
import { HealthService } from './health.service.js';

const EITHER = {
  oneOf: [{ $ref: getSchemaPath(HealthResponse) }, { $ref: getSchemaPath(HealthSummaryResponse) }],
};

@ApiTags('health')
@Public()
@NoRateLimits()
@ApiExtraModels(HealthResponse, HealthSummaryResponse)
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthService,
    private readonly workers: WorkersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @ApiOkResponse({
    schema: EITHER,
    description:
      'The full report for admins and workers (worker token or WORKER_API_KEY); the summary for others',
  })
  @ApiServiceUnavailableResponse({ schema: EITHER, description: 'Database or Redis down' })
  async check(
    @Req() request: Request & { user?: AuthUser },
    @Res({ passthrough: true }) response: Response,
  ): Promise<HealthResponse | HealthSummaryResponse> {
    const report = await this.health.check();
    if (report.status !== 'ok') response.status(503);
    const detailed =
      request.user?.role === 'admin' ||
      hasWorkerKey(request, this.config.workerApiKey) ||
      (await this.workers.isValidToken(workerCredential(request)));
    return detailed ? report : this.health.summary(report, { parts: !!request.user });
  }
}
