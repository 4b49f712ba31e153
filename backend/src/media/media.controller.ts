import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { MEDIA_TYPES, WORKER_KEY_HEADER } from '@clippyfront/shared';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser, Public } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { ANY_OWNER, ownerScope } from '../common/ownership.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { NoRateLimits } from '../rate-limit/app-throttler.guard.js';
import { WorkerKeyGuard } from '../worker-api/worker-key.guard.js';
import {
  ListMediaQuery,
  MediaBulkBody,
  MediaBulkResponse,
  MediaListResponse,
  MediaResponse,
  UpdateMediaBody,
} from './media.dto.js';
import type { MediaEntity } from './media.entity.js';
import { MediaService, toMediaDto } from './media.service.js';
import { MultipartUploadReader } from './multipart-upload.js';

const uuid = new ParseUUIDPipe();

/** Range, ETag, Last-Modified and conditional GET come from Express's sendFile (send). */
function sendMedia(response: Response, path: string, media: MediaEntity): Promise<void> {
  return new Promise((resolve, reject) => {
    response.sendFile(
      path,
      {
        headers: { 'Content-Type': media.mimeType, 'Cache-Control': 'private, max-age=0' },
        acceptRanges: true,
        etag: true,
        lastModified: true,
        dotfiles: 'allow',
      },
      (error) => {
        if (!error) return resolve();
        const status = (error as { status?: number }).status;
        if (response.headersSent) return resolve();
        if (status === 416) {
          response
            .status(416)
            .type('application/json')
            .header('Content-Range', `bytes */${media.sizeBytes}`)
            .json({ statusCode: 416, message: 'Range not satisfiable' });
          return resolve();
        }
        reject(status === 404 ? new NotFoundException('The file is missing on disk') : error);
      },
    );
  });
}

@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(
    private readonly media: MediaService,
    private readonly uploads: MultipartUploadReader,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post()
  @HttpCode(201)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        type: { type: 'string', enum: [...MEDIA_TYPES] },
        tags: { type: 'string', description: 'Comma list or JSON array' },
        name: { type: 'string' },
      },
    },
  })
  @ApiCreatedResponse({ type: MediaResponse })
  @ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'Over MAX_CONTENT_LENGTH' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponse, description: 'Not video or image' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'Cannot be decoded' })
  async upload(@CurrentUser() user: AuthUser, @Req() request: Request): Promise<MediaResponse> {
    const received = await this.uploads.read(request, this.config.maxUploadBytes);
    return toMediaDto(await this.media.ingest(user.id, received));
  }

  @Get()
  @ApiOkResponse({ type: MediaListResponse })
  list(@CurrentUser() user: AuthUser, @Query() query: ListMediaQuery): Promise<MediaListResponse> {
    return this.media.list({ ...query, ...ownerScope(user) });
  }

  @Post('bulk')
  @HttpCode(200)
  @ApiOkResponse({ type: MediaBulkResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'An id is not the caller’s' })
  bulk(@CurrentUser() user: AuthUser, @Body() body: MediaBulkBody): Promise<MediaBulkResponse> {
    return this.media.bulk(body, ownerScope(user));
  }

  @Get(':id')
  @ApiOkResponse({ type: MediaResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<MediaResponse> {
    return toMediaDto(await this.media.get(id, ownerScope(user)));
  }

  @Patch(':id')
  @ApiOkResponse({ type: MediaResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: UpdateMediaBody,
  ): Promise<MediaResponse> {
    return toMediaDto(await this.media.update(id, ownerScope(user), body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponse })
  delete(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<void> {
    return this.media.delete(id, ownerScope(user));
  }

  @Get(':id/stream')
  @ApiOkResponse({ description: 'The file; supports Range (206/416) and conditional GET' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async stream(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const media = await this.media.get(id, ownerScope(user));
    await sendMedia(response, this.media.runtimePath(media), media);
  }

  @Get(':id/thumbnail')
  @ApiOkResponse({ description: 'JPEG thumbnail' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown media or no thumbnail yet' })
  async thumbnail(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Res() response: Response,
  ): Promise<void> {
    const media = await this.media.get(id, ownerScope(user));
    const path = this.media.thumbnailPath(media);
    if (!path) throw new NotFoundException('No thumbnail yet');
    await sendMedia(response, path, { ...media, mimeType: 'image/jpeg' });
  }
}

/** Workers fetch inputs here: WORKER_API_KEY required, never open (unlike the original). */
@ApiTags('worker')
@ApiHeader({ name: WORKER_KEY_HEADER, required: true })
@Public()
@NoRateLimits()
@UseGuards(WorkerKeyGuard)
@Controller('media/raw')
export class MediaRawController {
  constructor(private readonly media: MediaService) {}

  @Get(':id')
  @ApiOkResponse({ description: 'The file; supports Range' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async raw(@Param('id', uuid) id: string, @Res() response: Response): Promise<void> {
    const media = await this.media.get(id, ANY_OWNER);
    await sendMedia(response, this.media.runtimePath(media), media);
  }
}
