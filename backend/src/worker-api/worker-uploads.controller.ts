import { Controller, Delete, Head, Patch, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiConsumes,
  ApiCreatedResponse,
  ApiHeader,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnprocessableEntityResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { TUS_MEDIA_ID_HEADER, WORKER_KEY_HEADER } from '@clippyfront/shared';
import { Public } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { NoRateLimits } from '../rate-limit/app-throttler.guard.js';
import { WorkerKeyGuard } from '../worker-api/worker-key.guard.js';
import { WorkerUploadsService } from './worker-uploads.service.js';

const TUS_RESUMABLE = ApiHeader({ name: 'Tus-Resumable', required: true, example: '1.0.0' });
const UPLOAD_ID = ApiParam({ name: 'id', description: 'The last segment of the POST’s Location' });

/**
 * tus 1.0 uploads of job outputs (downloaded clips, compiled videos), from workers
 * (WORKER_API_KEY); @tus/server reads the bodies and writes the answers.
 */
@ApiTags('worker')
@ApiHeader({ name: WORKER_KEY_HEADER, required: true, description: 'WORKER_API_KEY' })
@ApiUnauthorizedResponse({ type: ErrorResponse })
@Public()
@NoRateLimits()
@UseGuards(WorkerKeyGuard)
@Controller('worker/uploads')
export class WorkerUploadsController {
  constructor(private readonly uploads: WorkerUploadsService) {}

  @Post()
  @ApiOperation({
    summary: 'tus: start sending a job’s output file',
    description:
      '`Upload-Metadata`: `jobId`, `token` (of the current claim) and `filename`. Only the ' +
      'claim of a running `download` (up to its `maxBytes`) or `compile` job (up to ' +
      'MAX_CONTENT_LENGTH) may upload. The body must be empty: send the data with PATCH. ' +
      'Unfinished uploads expire after 24 hours.',
  })
  @TUS_RESUMABLE
  @ApiHeader({ name: 'Upload-Length', required: false })
  @ApiHeader({ name: 'Upload-Metadata', required: true })
  @ApiCreatedResponse({ description: 'Location: the URL of the upload, for HEAD and PATCH' })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: 'Missing metadata; a job without output',
  })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown job' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The claim is no longer current' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'Over the job’s maxBytes' })
  create(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.uploads.handle(request, response);
  }

  @Head(':id')
  @UPLOAD_ID
  @ApiOperation({ summary: 'tus: how much of the file the server has (Upload-Offset)' })
  @TUS_RESUMABLE
  @ApiOkResponse({ description: 'Upload-Offset and Upload-Length headers' })
  @ApiNotFoundResponse({ description: 'Unknown or finished upload' })
  status(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.uploads.handle(request, response);
  }

  @Patch(':id')
  @UPLOAD_ID
  @ApiOperation({
    summary: 'tus: send the next bytes',
    description:
      'Counts as a sign of life of the job. The request that completes the upload adds the ' +
      'file to the owner’s library (a download: the media of the job’s clips; a compile: the ' +
      'compilation’s video) and answers ' +
      `\`${TUS_MEDIA_ID_HEADER}: <media id>\`, or the refusal (415 not media, 422 undecodable) ` +
      'as JSON: fail the job with that message.',
  })
  @TUS_RESUMABLE
  @ApiHeader({ name: 'Upload-Offset', required: true })
  @ApiConsumes('application/offset+octet-stream')
  @ApiBody({ schema: { type: 'string', format: 'binary' } })
  @ApiNoContentResponse({ description: 'New Upload-Offset header' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'Wrong offset, or stale claim' })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiPayloadTooLargeResponse({ type: ErrorResponse })
  @ApiUnsupportedMediaTypeResponse({ type: ErrorResponse, description: 'Not video or image' })
  @ApiUnprocessableEntityResponse({ type: ErrorResponse, description: 'Cannot be decoded' })
  append(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.uploads.handle(request, response);
  }

  @Delete(':id')
  @UPLOAD_ID
  @ApiOperation({ summary: 'tus: abandon an unfinished upload' })
  @TUS_RESUMABLE
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponse })
  terminate(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.uploads.handle(request, response);
  }
}
