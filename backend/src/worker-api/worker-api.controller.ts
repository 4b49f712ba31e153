import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { WORKER_KEY_HEADER } from '@clippyfront/shared';
import { Public } from '../auth/auth.decorators.js';
import { NoRateLimits } from '../rate-limit/app-throttler.guard.js';
import { ErrorResponse } from '../common/error.dto.js';
import { JobQueueService } from '../jobs/job-queue.service.js';
import { JobsService } from '../jobs/jobs.service.js';
import { CurrentWorker, WorkerTokenGuard } from '../workers/worker-token.guard.js';
import { type AuthWorker, WorkersService } from '../workers/workers.service.js';
import {
  ClaimBody,
  ClaimResponse,
  CompleteBody,
  FailBody,
  HeartbeatBody,
  UpdateBody,
  UpdateResponse,
} from './worker-api.dto.js';

const uuid = new ParseUUIDPipe({ version: '4' });

/**
 * The only door workers have: REST with the worker's own token (never database credentials).
 * The token says which worker calls; a body naming another is refused (403).
 */
@ApiTags('worker')
@ApiHeader({
  name: WORKER_KEY_HEADER,
  required: true,
  description: "The worker's own token (from POST /api/worker/register)",
})
@ApiUnauthorizedResponse({ type: ErrorResponse })
@ApiBadRequestResponse({ type: ErrorResponse })
@ApiForbiddenResponse({ type: ErrorResponse, description: "Another worker's id or job" })
/** Not a user route: the worker token guards it, and polling workers are not rate-limited. */
@Public()
@NoRateLimits()
@UseGuards(WorkerTokenGuard)
@Controller('worker')
export class WorkerApiController {
  constructor(
    private readonly workers: WorkersService,
    private readonly jobs: JobsService,
    private readonly jobQueue: JobQueueService,
  ) {}

  @Post('heartbeat')
  @HttpCode(204)
  @ApiNoContentResponse()
  async heartbeat(@CurrentWorker() worker: AuthWorker, @Body() body: HeartbeatBody): Promise<void> {
    if (await this.workers.heartbeat(worker, body)) {
      // Its previous process is gone: what it held must not wait for the stall timeout.
      await this.jobQueue.releaseWorker(worker.id, `Worker ${worker.id} restarted`);
    }
  }

  @Post('jobs/:id/claim')
  @HttpCode(200)
  @ApiOkResponse({ type: ClaimResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Not claimable (taken or finished)' })
  async claim(
    @CurrentWorker() worker: AuthWorker,
    @Param('id', uuid) id: string,
    @Body() body: ClaimBody,
  ): Promise<ClaimResponse> {
    this.workers.assertSelf(worker, body.workerId);
    const { job, token } = await this.jobs.claim(id, worker.id, { fair: body.fair });
    return { jobId: job.id, kind: job.kind, payload: job.payload, attempt: job.attempts, token };
  }

  @Post('jobs/:id/update')
  @HttpCode(200)
  @ApiOkResponse({ type: UpdateResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The claim is no longer current' })
  update(
    @CurrentWorker() worker: AuthWorker,
    @Param('id', uuid) id: string,
    @Body() body: UpdateBody,
  ): Promise<UpdateResponse> {
    return this.jobs.report(id, body.token, body.progress, body.log, worker.id);
  }

  @Post('jobs/:id/complete')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ErrorResponse, description: 'The claim is no longer current' })
  complete(
    @CurrentWorker() worker: AuthWorker,
    @Param('id', uuid) id: string,
    @Body() body: CompleteBody,
  ): Promise<void> {
    return this.jobs.complete(id, body.token, body.result, body.log, worker.id);
  }

  @Post('jobs/:id/fail')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ErrorResponse, description: 'The claim is no longer current' })
  fail(
    @CurrentWorker() worker: AuthWorker,
    @Param('id', uuid) id: string,
    @Body() body: FailBody,
  ): Promise<void> {
    return this.jobs.fail(id, body.token, body.error, body.log, worker.id);
  }
}
