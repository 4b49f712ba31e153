import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { WORKER_KEY_HEADER } from '@clippyfront/shared';
import { Public } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { NoRateLimits } from '../rate-limit/app-throttler.guard.js';
import { CurrentWorker, WorkerTokenGuard } from '../workers/worker-token.guard.js';
import { WorkersService, type AuthWorker } from '../workers/workers.service.js';
import { ArtifactReportsBody, ArtifactReportsResult } from './compilations.dto.js';
import { CompilationsService } from './compilations.service.js';

/** Workers report their exported artifacts' states here, with their own token. */
@ApiTags('worker')
@ApiHeader({
  name: WORKER_KEY_HEADER,
  required: true,
  description: "The worker's own token (from POST /api/worker/register)",
})
@ApiUnauthorizedResponse({ type: ErrorResponse })
@ApiBadRequestResponse({ type: ErrorResponse })
@ApiForbiddenResponse({ type: ErrorResponse, description: "Another worker's id" })
@Public()
@NoRateLimits()
@UseGuards(WorkerTokenGuard)
@Controller('worker/artifacts')
export class CompilationArtifactsController {
  constructor(
    private readonly compilations: CompilationsService,
    private readonly workers: WorkersService,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'States of exported artifacts (exported, pushed by the sidecar, failed)',
    description:
      'Idempotent: a report older than the stored state is counted as `stale`; one for a job ' +
      'this worker did not run (or without a compilation) as `unknown`.',
  })
  @ApiOkResponse({ type: ArtifactReportsResult })
  report(
    @CurrentWorker() worker: AuthWorker,
    @Body() body: ArtifactReportsBody,
  ): Promise<ArtifactReportsResult> {
    this.workers.assertSelf(worker, body.workerId);
    return this.compilations.recordArtifacts(worker.id, body.reports);
  }
}
