import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
import { WorkerKeyGuard } from '../worker-api/worker-key.guard.js';
import { ArtifactReportsBody, ArtifactReportsResult } from './compilations.dto.js';
import { CompilationsService } from './compilations.service.js';

/** Workers report their exported artifacts' states here: WORKER_API_KEY required. */
@ApiTags('worker')
@ApiHeader({ name: WORKER_KEY_HEADER, required: true, description: 'WORKER_API_KEY' })
@ApiUnauthorizedResponse({ type: ErrorResponse })
@ApiBadRequestResponse({ type: ErrorResponse })
@Public()
@NoRateLimits()
@UseGuards(WorkerKeyGuard)
@Controller('worker/artifacts')
export class CompilationArtifactsController {
  constructor(private readonly compilations: CompilationsService) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'States of exported artifacts (exported, pushed by the sidecar, failed)',
    description:
      'Idempotent: a report older than the stored state is counted as `stale`; one for a job ' +
      'this worker did not run (or without a compilation) as `unknown`.',
  })
  @ApiOkResponse({ type: ArtifactReportsResult })
  report(@Body() body: ArtifactReportsBody): Promise<ArtifactReportsResult> {
    return this.compilations.recordArtifacts(body.workerId, body.reports);
  }
}
