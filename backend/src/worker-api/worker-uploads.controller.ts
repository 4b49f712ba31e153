import { Controller, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { JOB_TOKEN_HEADER, TUS_MEDIA_ID_HEADER, WORKER_KEY_HEADER } from '@clippyfront/shared';
import { Public } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { NoRateLimits } from '../rate-limit/app-throttler.guard.js';
import { WorkerTokenGuard } from '../workers/worker-token.guard.js';
import { TusAppend, TusCreate, TusStatus, TusTerminate } from '../media/tus-routes.js';
import { WorkerUploadsService } from './worker-uploads.service.js';

/**
 * tus 1.0 uploads of job outputs (downloaded clips, compiled videos), from workers
 * (the worker token); @tus/server reads the bodies and writes the answers.
 */
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
@Controller('worker/uploads')
export class WorkerUploadsController {
  constructor(private readonly uploads: WorkerUploadsService) {}

  @TusCreate({
    summary: 'tus: start sending a job’s output file',
    description:
      '`Upload-Metadata`: `jobId`, `token` (of the current claim) and `filename`. Only the ' +
      'claim of a running `download` (up to its `maxBytes`) or `compile` job (up to ' +
      'MAX_CONTENT_LENGTH) may upload. The body must be empty: send the data with PATCH. ' +
      'Unfinished uploads expire after 24 hours.',
  })
  @ApiBadRequestResponse({
    type: ErrorResponse,
    description: 'Missing metadata; a job without output',
  })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown job' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The claim is no longer current' })
  @ApiPayloadTooLargeResponse({ type: ErrorResponse, description: 'Over the job’s limit' })
  create(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.uploads.handle(request, response);
  }

  @TusStatus(
    { summary: 'tus: how much of the file the server has (Upload-Offset)' },
    'Unknown or finished upload',
  )
  status(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.uploads.handle(request, response);
  }

  @TusAppend(
    {
      summary: 'tus: send the next bytes',
      description:
        'Counts as a sign of life of the job. The request that completes the upload adds the ' +
        'file to the owner’s library (a download: the media of the job’s clips; a compile: the ' +
        `compilation’s video) and answers \`${TUS_MEDIA_ID_HEADER}: <media id>\`, or the ` +
        'refusal (415 not media, 422 undecodable, 403 over quota) as JSON: fail the job with ' +
        'that message.',
    },
    'Wrong offset, or stale claim',
  )
  @ApiPayloadTooLargeResponse({ type: ErrorResponse })
  append(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.uploads.handle(request, response);
  }

  @TusTerminate('tus: abandon an unfinished upload')
  @ApiHeader({
    name: JOB_TOKEN_HEADER,
    required: true,
    description: 'The token of the claim the upload was started with',
  })
  @ApiConflictResponse({
    type: ErrorResponse,
    description: 'Not the upload’s claim, or the claim is no longer current',
  })
  terminate(@Req() request: Request, @Res() response: Response): Promise<void> {
    return this.uploads.handle(request, response);
  }
}
