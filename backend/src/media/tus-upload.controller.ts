import { Controller, Options, Req, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { TUS_MEDIA_ID_HEADER, TUS_METADATA_KEYS } from '@clippyfront/shared';
import { Public } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { NoRateLimits } from '../rate-limit/app-throttler.guard.js';
import { TusAppend, TusCreate, TusStatus, TusTerminate } from './tus-routes.js';
import { TusUploadService } from './tus-upload.service.js';

/**
 * tus 1.0 resumable uploads (https://tus.io/protocols/resumable-upload): the protocol, not
 * Nest, reads the bodies and writes the answers. Authenticated like the rest of the API (but
 * OPTIONS, which only describes the server). Creation is rate limited (RATELIMIT_DEFAULT per
 * IP, RATELIMIT_TUS_CREATE per user); HEAD, PATCH and DELETE are not, one upload being many.
 */
@ApiTags('media')
@Controller('media/uploads')
export class TusUploadController {
  constructor(private readonly tus: TusUploadService) {}

  @Options()
  @Public()
  @ApiOperation({
    summary: 'tus: what the server supports',
    description: 'Answers Tus-Version, Tus-Extension and Tus-Max-Size (MAX_CONTENT_LENGTH).',
  })
  @ApiNoContentResponse()
  options(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.tus.handle(request, response);
  }

  @TusCreate(
    {
      summary: 'tus: create an upload',
      description:
        'Send `Upload-Length` (or `Upload-Defer-Length: 1`) and `Upload-Metadata` (`key base64` ' +
        `pairs; keys read: ${TUS_METADATA_KEYS.join(', ')}). \`filename\` is required; ` +
        '`type`, `name` and `tags` (JSON array or comma list) follow the rules of ' +
        '`POST /api/media` and are checked now, so a typo fails before any byte is sent. The ' +
        'body must be empty: send the data with PATCH. Unfinished uploads expire after 24 hours ' +
        'and count against the storage quota meanwhile (the declared `Upload-Length`, or the ' +
        'bytes received so far); at most TUS_MAX_OPEN_UPLOADS may be open at once.',
    },
    'filename Y2xpcC5tcDQ=',
  )
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Missing or invalid metadata' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'Over MAX_CONTENT_LENGTH' })
  @ApiForbiddenResponse({
    type: ErrorResponse,
    description:
      'Over the storage quota (with `remainingBytes` and `limitBytes`), or TUS_MAX_OPEN_UPLOADS ' +
      'unfinished uploads already (with `openUploads` and `maxOpenUploads`)',
  })
  @ApiTooManyRequestsResponse({
    type: ErrorResponse,
    description: 'RATELIMIT_TUS_CREATE reached; Retry-After says when to try again',
  })
  create(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.tus.handle(request, response);
  }

  @TusStatus(
    {
      summary: 'tus: how much of an upload the server has',
      description: 'Upload-Offset is where to resume with PATCH.',
    },
    'Unknown, finished, or another user’s upload',
  )
  @NoRateLimits()
  status(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.tus.handle(request, response);
  }

  @TusAppend(
    {
      summary: 'tus: send the next bytes of an upload',
      description:
        'Content-Type `application/offset+octet-stream`, `Upload-Offset` = the current offset. ' +
        `The request that completes the upload adds the file to the library: its response ` +
        `carries \`${TUS_MEDIA_ID_HEADER}: <media id>\`, or the ingest error (415 not media, ` +
        '422 undecodable, 400) as JSON, and nothing of the upload is kept. An upload that would ' +
        'go past the storage quota (its length, declared now or at creation, or for a deferred ' +
        'length the bytes it would reach) is refused with 403 and removed.',
    },
    'Upload-Offset is not the current one',
  )
  @NoRateLimits()
  @ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'Past the upload’s length' })
  @ApiForbiddenResponse({
    type: ErrorResponse,
    description: 'Over the storage quota, with `remainingBytes` and `limitBytes`; upload removed',
  })
  append(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.tus.handle(request, response);
  }

  @TusTerminate('tus: abandon an unfinished upload and its data')
  @NoRateLimits()
  terminate(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.tus.handle(request, response);
  }
}
