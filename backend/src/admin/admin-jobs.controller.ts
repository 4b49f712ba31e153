import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AdminOnly } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { JobQueueService, RETRY_FAILED_LIMIT } from '../jobs/job-queue.service.js';
import { RetryFailedJobsBody, RetryFailedJobsResponse } from './admin-jobs.dto.js';

/** Every user's jobs are listed by `GET /api/jobs` (admins see all); this is the bulk part. */
@ApiTags('admin')
@ApiForbiddenResponse({ type: ErrorResponse, description: 'Admins only' })
@AdminOnly()
@Controller('admin/jobs')
export class AdminJobsController {
  constructor(private readonly queue: JobQueueService) {}

  @Post('retry-failed')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Queue failed jobs again',
    description:
      `Oldest first, at most ${RETRY_FAILED_LIMIT} per call, optionally of one kind or owner. ` +
      'Each counts toward its owner’s job caps like a new job; one over them is skipped.',
  })
  @ApiOkResponse({ type: RetryFailedJobsResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  retryFailed(@Body() body: RetryFailedJobsBody): Promise<RetryFailedJobsResponse> {
    return this.queue.retryFailed(body);
  }
}
