import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { AdminOnly, CurrentUser } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { JobQueueService } from '../jobs/job-queue.service.js';
import { WorkersService } from '../workers/workers.service.js';
import {
  AdminWorkerResponse,
  CreateRegistrationTokenBody,
  RegistrationTokenResponse,
  WorkerRevokeResult,
} from './admin-workers.dto.js';

/** Admin → Workers: registered workers, revocation, one-time registration tokens. */
@ApiTags('admin')
@ApiForbiddenResponse({ type: ErrorResponse, description: 'Admins only' })
@AdminOnly()
@Controller('admin/workers')
export class AdminWorkersController {
  constructor(
    private readonly workers: WorkersService,
    private readonly queue: JobQueueService,
  ) {}

  @Get()
  @ApiOkResponse({ type: [AdminWorkerResponse] })
  list(): Promise<AdminWorkerResponse[]> {
    return this.workers.registered();
  }

  @Post(':id/revoke')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Revoke a worker',
    description:
      'Its token fails from the next call on (401), and the jobs it holds go back to the queue.',
  })
  @ApiOkResponse({ type: WorkerRevokeResult })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async revoke(@Param('id') id: string): Promise<WorkerRevokeResult> {
    await this.workers.revoke(id);
    return { releasedJobs: await this.queue.releaseWorker(id, `Worker ${id} was revoked`) };
  }

  @Post('registration-tokens')
  @ApiOperation({ summary: 'A one-time registration token (shown once)' })
  @ApiCreatedResponse({ type: RegistrationTokenResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  createRegistrationToken(
    @CurrentUser() user: AuthUser,
    @Body() body: CreateRegistrationTokenBody,
  ): Promise<RegistrationTokenResponse> {
    return this.workers.createRegistrationToken(user.id, body.expiresInMinutes);
  }
}
