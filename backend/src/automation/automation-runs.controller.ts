import { Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { AdminOnly, CurrentUser } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { ownerScope } from '../common/ownership.js';
import { AutomationRunsService } from './automation-runs.service.js';
import { AutomationSchedulerService } from './automation-scheduler.service.js';
import { RunResponse, SchedulerTickResponse } from './automation.dto.js';

const uuid = new ParseUUIDPipe();

@ApiTags('automation')
@Controller('automation')
export class AutomationRunsController {
  constructor(
    private readonly runs: AutomationRunsService,
    private readonly scheduler: AutomationSchedulerService,
  ) {}

  @Get('runs/:id')
  @ApiOperation({ summary: 'A run: state, stage, progress, log, project, compilation, video' })
  @ApiOkResponse({ type: RunResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<RunResponse> {
    return this.runs.get(id, ownerScope(user));
  }

  @Post('runs/:id/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Stop a run and the jobs it started' })
  @ApiOkResponse({ type: RunResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse, description: 'The run had already finished' })
  cancel(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<RunResponse> {
    return this.runs.cancel(id, ownerScope(user));
  }

  @Post('scheduler/tick')
  @HttpCode(200)
  @AdminOnly()
  @ApiOperation({ summary: 'Admins: start the runs of the schedules due now' })
  @ApiOkResponse({ type: SchedulerTickResponse })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'Admins only' })
  tick(): Promise<SchedulerTickResponse> {
    return this.scheduler.tick();
  }
}
