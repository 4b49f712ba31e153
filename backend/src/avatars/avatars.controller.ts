import { Controller, Get, Param, ParseUUIDPipe, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { ownerScope } from '../common/ownership.js';
import { AvatarsService } from './avatars.service.js';
import { AVATAR_IMAGE, sendAvatar } from './send-avatar.js';

/** A clip's creator avatar, for the clip's owner (admins too; others get 404). */
@ApiTags('clips')
@Controller('clips')
export class AvatarsController {
  constructor(private readonly avatars: AvatarsService) {}

  @Get(':clipId/avatar')
  @ApiOkResponse(AVATAR_IMAGE)
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown clip, or no avatar' })
  async ofClip(
    @CurrentUser() user: AuthUser,
    @Param('clipId', new ParseUUIDPipe()) clipId: string,
    @Res() response: Response,
  ): Promise<void> {
    await sendAvatar(response, await this.avatars.forClip(clipId, ownerScope(user)));
  }
}
