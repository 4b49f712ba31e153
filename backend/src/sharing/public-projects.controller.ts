import { Controller, Get, Param, Res, UseInterceptors } from '@nestjs/common';
import {
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user.js';
import { OptionalUser, Public } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { attachmentHeader } from '../common/content-disposition.js';
import { sendMedia } from '../media/send-media-file.js';
import { NoIndexInterceptor } from './no-index.interceptor.js';
import { PublicProjectResponse } from './sharing.dto.js';
import { SharingService, type SharedFile } from './sharing.service.js';

const NO_INDEX = { 'X-Robots-Tag': 'noindex' };

/**
 * Share pages, no login (RATELIMIT_DEFAULT per IP like every public route). Sharing off, an
 * unknown or an old id: the same 404 body; the owner always gets through.
 */
@ApiTags('public')
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown id, or sharing is off' })
@ApiTooManyRequestsResponse({ type: ErrorResponse, description: 'RATELIMIT_DEFAULT per IP' })
@Public()
@UseInterceptors(NoIndexInterceptor)
@Controller('public/projects/:publicId')
export class PublicProjectsController {
  constructor(private readonly sharing: SharingService) {}

  @Get()
  @ApiOperation({ summary: 'A shared project: title, video facts, chapters' })
  @ApiOkResponse({ type: PublicProjectResponse })
  get(
    @OptionalUser() viewer: AuthUser | undefined,
    @Param('publicId') publicId: string,
  ): Promise<PublicProjectResponse> {
    return this.sharing.publicProject(publicId, viewer);
  }

  @Get('video')
  @ApiOperation({ summary: 'The shared video; Range (206/416) and conditional GET' })
  @ApiProduces('video/mp4', 'video/webm', 'video/x-matroska')
  @ApiOkResponse({ description: 'The video file' })
  async video(
    @OptionalUser() viewer: AuthUser | undefined,
    @Param('publicId') publicId: string,
    @Res() response: Response,
  ): Promise<void> {
    await this.send(response, await this.sharing.video(publicId, viewer), false);
  }

  @Get('download')
  @ApiOperation({ summary: 'The shared video as an attachment named after the project' })
  @ApiProduces('video/mp4', 'video/webm', 'video/x-matroska')
  @ApiOkResponse({ description: 'The video file' })
  async download(
    @OptionalUser() viewer: AuthUser | undefined,
    @Param('publicId') publicId: string,
    @Res() response: Response,
  ): Promise<void> {
    await this.send(response, await this.sharing.video(publicId, viewer), true);
  }

  @Get('thumbnail')
  @ApiOperation({ summary: 'The shared video’s thumbnail (JPEG)' })
  @ApiProduces('image/jpeg')
  @ApiOkResponse({ description: 'JPEG' })
  async thumbnail(
    @OptionalUser() viewer: AuthUser | undefined,
    @Param('publicId') publicId: string,
    @Res() response: Response,
  ): Promise<void> {
    await this.send(response, await this.sharing.thumbnail(publicId, viewer), false);
  }

  private send(response: Response, file: SharedFile, attachment: boolean): Promise<void> {
    return sendMedia(response, file.path, file.media, {
      ...NO_INDEX,
      ...(attachment && { 'Content-Disposition': attachmentHeader(file.fileName) }),
    });
  }
}
