import { Body, Controller, HttpCode, Inject, NotFoundException, Post, Req } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
  ApiBadRequestResponse,
} from '@nestjs/swagger';
import type { Request } from 'express';
import { WORKER_KEY_HEADER } from '@clippyfront/shared';
import { LoginRoute, Public } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { workerCredential } from '../workers/worker-token.guard.js';
import { WorkersService } from '../workers/workers.service.js';
import { RegisterBody, RegisterResponse } from './worker-api.dto.js';

/**
 * The one call WORKER_API_KEY (or a one-time registration token) is good for: a worker gets its
 * own token. Rate-limited per address like logins (RATELIMIT_LOGIN).
 */
@ApiTags('worker')
@Public()
@LoginRoute()
@Controller('worker')
export class WorkerRegistrationController {
  constructor(
    private readonly workers: WorkersService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('register')
  @HttpCode(201)
  @ApiOperation({ summary: 'Register a worker: its own token, shown once' })
  @ApiHeader({
    name: WORKER_KEY_HEADER,
    required: true,
    description: 'WORKER_API_KEY, or a one-time registration token (Admin → Workers)',
  })
  @ApiCreatedResponse({ type: RegisterResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  @ApiUnauthorizedResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'WORKER_API_KEY is not set' })
  @ApiTooManyRequestsResponse({ type: ErrorResponse })
  register(@Req() request: Request, @Body() body: RegisterBody): Promise<RegisterResponse> {
    if (!this.config.workerApiKey) {
      throw new NotFoundException('The worker API is disabled: set WORKER_API_KEY on the server');
    }
    return this.workers.register(workerCredential(request) ?? '', body);
  }
}
