import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
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
import {
  CompilationListResponse,
  CompilationResponse,
  CompileRefusedResponse,
  StartCompileBody,
} from './compilations.dto.js';
import { CompilationsService } from './compilations.service.js';
import { attachmentHeader } from '../common/content-disposition.js';
import { sendMedia } from '../media/send-media-file.js';

const uuid = new ParseUUIDPipe();

@ApiTags('compilations')
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown project (or not yours)' })
@Controller('projects/:id')
export class CompilationsController {
  constructor(private readonly compilations: CompilationsService) {}

  @Post('compile')
  @UserRateLimit('compile')
  @ApiOperation({
    summary: 'Render the project: intro, the timeline’s clips, transitions, bumpers, outro',
    description:
      'Queues a `compile` job (on the `gpu` queue; a CPU worker takes it when no GPU worker ' +
      'is online). The finished video becomes a `compilation` media item of the project, with ' +
      'chapters in the container and as text. Empty timeline: 400; a compile of the project ' +
      'still queued or running: 409. The owner’s tier: resolution and frame rate over its caps ' +
      'are lowered (`tierNote` and the job log say so); a timeline over its clips per ' +
      'compilation, or an estimated length (clips cut to the project’s longest clip, intro, ' +
      'outro, transitions, bumpers) over the render time left this UTC month (queued and ' +
      'running compiles’ estimates count): 403 with the numbers.',
  })
  @ApiCreatedResponse({ type: CompilationResponse })
  @ApiBadRequestResponse({ type: ErrorResponse, description: 'Empty timeline, bad settings' })
  @ApiConflictResponse({ type: ErrorResponse, description: 'A compile is already running' })
  @ApiForbiddenResponse({
    type: CompileRefusedResponse,
    description: 'Over the monthly render time, or over the tier’s clips per compilation',
  })
  start(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: StartCompileBody,
  ): Promise<CompilationResponse> {
    return this.compilations.start(id, ownerScope(user), body);
  }

  @Get('compilations')
  @ApiOperation({ summary: 'The project’s compilations, newest first' })
  @ApiOkResponse({ type: CompilationListResponse })
  list(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<CompilationListResponse> {
    return this.compilations.list(id, ownerScope(user));
  }

  @Get('compilations/:compilationId')
  @ApiOperation({ summary: 'One compilation: state, progress, and once done its video' })
  @ApiOkResponse({ type: CompilationResponse })
  get(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('compilationId', uuid) compilationId: string,
  ): Promise<CompilationResponse> {
    return this.compilations.get(id, compilationId, ownerScope(user));
  }

  @Get('compilations/:compilationId/chapters.txt')
  @ApiOperation({
    summary: 'The YouTube chapter list of a finished compilation',
    description: 'One "00:00 Title — creator" line per chapter; 404 until the render is done.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'text/plain attachment', schema: { type: 'string' } })
  async chapters(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('compilationId', uuid) compilationId: string,
    @Res() response: Response,
  ): Promise<void> {
    const { text, fileName } = await this.compilations.chapters(
      id,
      compilationId,
      ownerScope(user),
    );
    response.attachment(fileName).type('text/plain; charset=utf-8').send(text);
  }

  @Get('compilations/:compilationId/download')
  @ApiOperation({
    summary: 'The finished video as a download named after the project',
    description:
      '`Content-Disposition: attachment; filename="<ASCII>"; filename*=UTF-8\'\'<project name>.mp4`; ' +
      'Range and conditional GET as for media files. 404 until the render is done.',
  })
  @ApiProduces('video/mp4', 'video/webm', 'video/x-matroska')
  @ApiOkResponse({ description: 'The video file' })
  async download(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Param('compilationId', uuid) compilationId: string,
    @Res() response: Response,
  ): Promise<void> {
    const { path, media, fileName } = await this.compilations.download(
      id,
      compilationId,
      ownerScope(user),
    );
    await sendMedia(response, path, media, { 'Content-Disposition': attachmentHeader(fileName) });
  }
}
