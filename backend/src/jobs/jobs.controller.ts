import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { ownerScope } from '../common/ownership.js';
import { JobQueueService } from './job-queue.service.js';
import { CreateProbeJobBody, JobListResponse, JobResponse, ListJobsQuery } from './jobs.dto.js';
import { JobsService } from './jobs.service.js';

const uuid = new ParseUUIDPipe({ version: '4' });

@ApiTags('jobs')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('jobs')
export class JobsController {
  constructor(
    private readonly jobs: JobsService,
    private readonly queue: JobQueueService,
  ) {}

  @Get()
  @ApiOkResponse({ type: JobListResponse })
  list(@CurrentUser() user: AuthUser, @Query() query: ListJobsQuery): Promise<JobListResponse> {
    return this.jobs.list(query, ownerScope(user));
  }

  @Post('probe')
  @ApiCreatedResponse({ type: JobResponse, description: 'Generates a clip and probes it' })
  @ApiTooManyRequestsResponse({ type: ErrorResponse, description: "Over the user's job caps" })
  async probe(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateProbeJobBody,
  ): Promise<JobResponse> {
    const job = await this.queue.enqueueCapped(
      'probe',
      {
        durationSeconds: body.durationSeconds ?? 2,
        width: body.width ?? 320,
        height: body.height ?? 240,
        fps: body.fps ?? 25,
      },
      user.id,
    );
    return this.jobs.toDto(job);
  }

  @Get(':id')
  @ApiOkResponse({ type: JobResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<JobResponse> {
    return this.jobs.toDto(await this.jobs.get(id, ownerScope(user)));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  @ApiOkResponse({ type: JobResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The job already finished' })
  async cancel(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<JobResponse> {
    return this.jobs.toDto(await this.queue.cancel(id, ownerScope(user)));
  }

  @Post(':id/retry')
  @HttpCode(200)
  @ApiOkResponse({ type: JobResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Only failed or cancelled jobs' })
  @ApiForbiddenResponse({
    type: ErrorResponse,
    description: 'A compile over the render time left this month (with the numbers)',
  })
  async retry(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<JobResponse> {
    return this.jobs.toDto(await this.queue.retry(id, ownerScope(user)));
  }
}
