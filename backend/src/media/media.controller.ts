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
} from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { MEDIA_TYPES } from '@clippyfront/shared';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { ownerScope } from '../common/ownership.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import {
  ListMediaQuery,
  MediaBulkBody,
  MediaBulkResponse,
  MediaListResponse,
  MediaResponse,
  MediaUsageResponse,
  UpdateMediaBody,
} from './media.dto.js';
import { MediaService, toMediaDto } from './media.service.js';
import { MultipartUploadReader } from './multipart-upload.js';
import { sendMedia } from './send-media-file.js';
import { StorageQuotaService } from './storage-quota.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('media')
@Controller('media')
export class MediaController {
  constructor(
    private readonly media: MediaService,
    private readonly uploads: MultipartUploadReader,
    private readonly quota: StorageQuotaService,
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
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'Over the storage quota' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponse, description: 'Not video or image' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'Cannot be decoded' })
  async upload(@CurrentUser() user: AuthUser, @Req() request: Request): Promise<MediaResponse> {
    const room = await this.quota.room(user.id);
    const received = await this.uploads.read(request, this.config.maxUploadBytes, room);
    return toMediaDto(await this.media.ingest(user.id, received));
  }

  @Get()
  @ApiOkResponse({ type: MediaListResponse })
  list(@CurrentUser() user: AuthUser, @Query() query: ListMediaQuery): Promise<MediaListResponse> {
    return this.media.list({ ...query, ...ownerScope(user) });
  }

  @Get('usage')
  @ApiOkResponse({ type: MediaUsageResponse })
  usage(@CurrentUser() user: AuthUser): Promise<MediaUsageResponse> {
    return this.media.usage(user.id);
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
