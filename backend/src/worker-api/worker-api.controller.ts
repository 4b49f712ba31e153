import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
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
import { JobsService } from '../jobs/jobs.service.js';
import { WorkersService } from '../workers/workers.service.js';
import {
  ClaimBody,
  ClaimResponse,
  CompleteBody,
  FailBody,
  HeartbeatBody,
  UpdateBody,
  UpdateResponse,
} from './worker-api.dto.js';
import { WorkerKeyGuard } from './worker-key.guard.js';

const uuid = new ParseUUIDPipe({ version: '4' });

/** The only door workers have: REST with WORKER_API_KEY, never database credentials. */
@ApiTags('worker')
@ApiHeader({ name: WORKER_KEY_HEADER, required: true, description: 'WORKER_API_KEY' })
@ApiUnauthorizedResponse({ type: ErrorResponse })
@ApiBadRequestResponse({ type: ErrorResponse })
/** Not a user route: the worker key guards it, and polling workers are not rate-limited. */
@Public()
@NoRateLimits()
@UseGuards(WorkerKeyGuard)
@Controller('worker')
export class WorkerApiController {
  constructor(
    private readonly workers: WorkersService,
    private readonly jobs: JobsService,
  ) {}

  @Post('heartbeat')
  @HttpCode(204)
  @ApiNoContentResponse()
  heartbeat(@Body() body: HeartbeatBody): Promise<void> {
    return this.workers.heartbeat(body);
  }

  @Post('jobs/:id/claim')
  @HttpCode(200)
  @ApiOkResponse({ type: ClaimResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Not claimable (taken or finished)' })
  async claim(@Param('id', uuid) id: string, @Body() body: ClaimBody): Promise<ClaimResponse> {
    const { job, token } = await this.jobs.claim(id, body.workerId, { fair: body.fair });
    return { jobId: job.id, kind: job.kind, payload: job.payload, attempt: job.attempts, token };
  }

  @Post('jobs/:id/update')
  @HttpCode(200)
  @ApiOkResponse({ type: UpdateResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The claim is no longer current' })
  update(@Param('id', uuid) id: string, @Body() body: UpdateBody): Promise<UpdateResponse> {
    return this.jobs.report(id, body.token, body.progress, body.log);
  }

  @Post('jobs/:id/complete')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ErrorResponse, description: 'The claim is no longer current' })
  complete(@Param('id', uuid) id: string, @Body() body: CompleteBody): Promise<void> {
    return this.jobs.complete(id, body.token, body.result, body.log);
  }

  @Post('jobs/:id/fail')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiConflictResponse({ type: ErrorResponse, description: 'The claim is no longer current' })
  fail(@Param('id', uuid) id: string, @Body() body: FailBody): Promise<void> {
    return this.jobs.fail(id, body.token, body.error, body.log);
  }
}
