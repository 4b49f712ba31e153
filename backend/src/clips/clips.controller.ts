import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { UserRateLimit } from '../rate-limit/user-rate-limit.guard.js';
import { ownerScope } from '../common/ownership.js';
import { sendMedia } from '../media/send-media-file.js';
import {
  AddClipsBody,
  AddClipsResponseBody,
  ClipListResponse,
  ClipResponse,
  ClipsRejectedResponse,
} from './clips.dto.js';
import { ClipsService } from './clips.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('clips')
@Controller()
export class ClipsController {
  constructor(private readonly clips: ClipsService) {}

  @Post('projects/:id/clips')
  @UserRateLimit('clipsAdd')
  @ApiOperation({
    summary: 'Add clips by URL',
    description:
      'Each URL is accepted or rejected with a reason (invalid-url, unsupported-source, ' +
      'duplicate-in-request, already-in-project). A URL the owner already downloaded reuses ' +
      'that media (ready at once, `reused`); one being downloaded shares that download; ' +
      'others queue a `download` job. None accepted (or an empty list): 400 with `rejected`.',
  })
  @ApiCreatedResponse({ type: AddClipsResponseBody })
  @ApiBadRequestResponse({ type: ClipsRejectedResponse })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'The storage quota is reached' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async add(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: AddClipsBody,
  ): Promise<AddClipsResponseBody> {
    return this.clips.add(id, ownerScope(user), body.urls);
  }

  @Get('projects/:id/clips')
  @ApiOperation({ summary: 'A project’s clips, in the order they were added' })
  @ApiOkResponse({ type: ClipListResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async list(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<ClipListResponse> {
    return { items: await this.clips.list(id, ownerScope(user)) };
  }

  @Delete('projects/:id/clips/:clipId')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Remove a clip from a project',
    description: 'Its media stays in the library; a download no other clip waits for is cancelled.',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponse })
  remove(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('clipId', uuid) clipId: string,
  ): Promise<void> {
    return this.clips.remove(id, clipId, ownerScope(user));
  }

  @Post('projects/:id/clips/:clipId/retry')
  @HttpCode(200)
  @ApiOperation({ summary: 'Download a failed clip again' })
  @ApiOkResponse({ type: ClipResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The clip has not failed' })
  retry(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('clipId', uuid) clipId: string,
  ): Promise<ClipResponse> {
    return this.clips.retry(id, clipId, ownerScope(user));
  }

  @Get('clips/:clipId/thumbnail')
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ description: 'The JPEG thumbnail of the clip’s media' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown clip, or no thumbnail yet' })
  async thumbnail(
    @CurrentUser() user: AuthUser,
    @Param('clipId', uuid) clipId: string,
    @Res() response: Response,
  ): Promise<void> {
    const { path, media } = await this.clips.thumbnail(clipId, ownerScope(user));
    await sendMedia(response, path, { ...media, mimeType: 'image/jpeg' });
  }
}
