import {
  Controller,
  Get,
  Headers,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
  Res,
  UseGuards,
} from '@nestjs/common';
import {
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { JOB_TOKEN_HEADER, WORKER_KEY_HEADER } from '@clippyfront/shared';
import { Public } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { ANY_OWNER } from '../common/ownership.js';
import { NoRateLimits } from '../rate-limit/app-throttler.guard.js';
import { WorkerTokenGuard } from '../workers/worker-token.guard.js';
import { MediaService } from './media.service.js';
import { MediaThumbnailsService } from './media-thumbnails.service.js';
import { sendMedia } from './send-media-file.js';

const uuid = new ParseUUIDPipe();

/** Workers read inputs and return thumbnails here: the worker token required, never open. */
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
@Controller()
export class MediaWorkerController {
  constructor(
    private readonly media: MediaService,
    private readonly thumbnails: MediaThumbnailsService,
  ) {}

  @Get('media/raw/:id')
  @ApiOkResponse({ description: 'The file; supports Range' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  async raw(@Param('id', uuid) id: string, @Res() response: Response): Promise<void> {
    const media = await this.media.get(id, ANY_OWNER);
    await sendMedia(response, this.media.runtimePath(media), media);
  }

  @Post('worker/jobs/:id/thumbnail')
  @HttpCode(204)
  @ApiHeader({ name: JOB_TOKEN_HEADER, required: true, description: 'The token of the claim' })
  @ApiConsumes('image/jpeg')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiNoContentResponse({ description: 'Stored as the thumbnail of the job’s media' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The claim is no longer current' })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown job, or media deleted' })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponse, description: 'Not a JPEG' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'Over 5 MiB' })
  thumbnail(
    @Param('id', uuid) id: string,
    @Headers(JOB_TOKEN_HEADER) token: string | undefined,
    @Req() request: Request,
  ): Promise<void> {
    const declared = Number(request.headers['content-length'] ?? 0);
    return this.thumbnails.receiveFromWorker(id, token ?? '', request, declared);
  }
}
