import { Controller, Get, Param, ParseUUIDPipe, Res, UseGuards } from '@nestjs/common';
import {
  ApiHeader,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { WORKER_KEY_HEADER } from '@clippyfront/shared';
import { Public } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { ANY_OWNER } from '../common/ownership.js';
import { NoRateLimits } from '../rate-limit/app-throttler.guard.js';
import { WorkerTokenGuard } from '../workers/worker-token.guard.js';
import { AvatarsService } from './avatars.service.js';
import { AVATAR_IMAGE, sendAvatar } from './send-avatar.js';

/** Workers fetch a clip's creator avatar for overlays: the worker token required. */
@ApiTags('worker')
@ApiHeader({
  name: WORKER_KEY_HEADER,
  required: true,
  description: "The worker's own token (from POST /api/worker/register)",
})
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Public()
@NoRateLimits()
@UseGuards(WorkerTokenGuard)
@Controller('avatars')
export class AvatarsWorkerController {
  constructor(private readonly avatars: AvatarsService) {}

  @Get('by-clip/:clipId')
  @ApiOkResponse(AVATAR_IMAGE)
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown clip, or no avatar' })
  async byClip(
    @Param('clipId', new ParseUUIDPipe()) clipId: string,
    @Res() response: Response,
  ): Promise<void> {
    await sendAvatar(response, await this.avatars.forClip(clipId, ANY_OWNER));
  }
}
