import { Body, Controller, Get, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { ownerScope } from '../common/ownership.js';
import {
  ArrangementResponse,
  TimelineRefusedResponse,
  TimelineResponse,
  UpdateArrangementBody,
  UpdateTimelineBody,
} from './arrangement.dto.js';
import { ArrangementService } from './arrangement.service.js';
import { TimelineService } from './timeline.service.js';

const uuid = new ParseUUIDPipe();

@ApiTags('arrangement')
@ApiNotFoundResponse({ type: ErrorResponse, description: 'Unknown project (or not yours)' })
@Controller('projects/:id')
export class ArrangementController {
  constructor(
    private readonly arrangement: ArrangementService,
    private readonly timeline: TimelineService,
  ) {}

  @Get('arrangement')
  @ApiOperation({
    summary: 'The project’s intro, outro and transitions',
    description: 'Media deleted since, or changed to another type, is left out.',
  })
  @ApiOkResponse({ type: ArrangementResponse })
  getArrangement(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<ArrangementResponse> {
    return this.arrangement.get(id, ownerScope(user));
  }

  @Put('arrangement')
  @ApiOperation({
    summary: 'Set the intro, outro and transitions (all of it)',
    description:
      'Only the project owner’s media: an `intro`, an `outro`, `transition`s. Media of another ' +
      'type (an image, a clip…) or a repeated transition: 400; unknown or someone else’s: 404.',
  })
  @ApiOkResponse({ type: ArrangementResponse })
  @ApiBadRequestResponse({ type: ErrorResponse })
  putArrangement(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: UpdateArrangementBody,
  ): Promise<ArrangementResponse> {
    return this.arrangement.set(id, ownerScope(user), body);
  }

  @Get('timeline')
  @ApiOperation({
    summary: 'The clips the project compiles, in order, and their running time',
    description: 'Only ready clips; a clip whose file was deleted from the library drops out.',
  })
  @ApiOkResponse({ type: TimelineResponse })
  getTimeline(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<TimelineResponse> {
    return this.timeline.get(id, ownerScope(user));
  }

  @Put('timeline')
  @ApiOperation({
    summary: 'Set the timeline: exactly these clips, in this order',
    description:
      'Every id a ready clip of this project, each once; clips left out leave the timeline ' +
      '(`[]` empties it). Otherwise 400 with each refused id and why (duplicate, ' +
      'not-in-project, not-ready), and nothing changes. Clips that become ready later are not ' +
      'added by themselves; a deleted clip leaves the timeline.',
  })
  @ApiOkResponse({ type: TimelineResponse })
  @ApiBadRequestResponse({ type: TimelineRefusedResponse })
  putTimeline(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: UpdateTimelineBody,
  ): Promise<TimelineResponse> {
    return this.timeline.set(id, ownerScope(user), body.clipIds);
  }
}
