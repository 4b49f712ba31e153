import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthUser } from '../auth/auth-user.js';
import { CurrentUser } from '../auth/auth.decorators.js';
import { ErrorResponse } from '../common/error.dto.js';
import { ownerScope } from '../common/ownership.js';
import { AutomationRunsService } from './automation-runs.service.js';
import { AutomationSchedulesService } from './automation-schedules.service.js';
import { AutomationTasksService } from './automation-tasks.service.js';
import {
  CreateScheduleBody,
  CreateTaskBody,
  RunResponse,
  ScheduleResponse,
  StartRunResponseBody,
  TaskResponse,
  UpdateTaskBody,
} from './automation.dto.js';

const uuid = new ParseUUIDPipe();

@ApiTags('automation')
@ApiBadRequestResponse({ type: ErrorResponse })
@Controller('automation/tasks')
export class AutomationTasksController {
  constructor(
    private readonly tasks: AutomationTasksService,
    private readonly runs: AutomationRunsService,
    private readonly schedules: AutomationSchedulesService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Save a compilation task (source, arrangement, output)' })
  @ApiCreatedResponse({ type: TaskResponse })
  @ApiNotFoundResponse({ type: ErrorResponse, description: 'Intro/outro/transition not yours' })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'maxTasksPerUser (100) reached' })
  create(@CurrentUser() user: AuthUser, @Body() body: CreateTaskBody): Promise<TaskResponse> {
    return this.tasks.create(user.id, body);
  }

  @Get()
  @ApiOperation({ summary: 'The caller’s tasks, newest first, with last run and next run time' })
  @ApiOkResponse({ type: [TaskResponse] })
  list(@CurrentUser() user: AuthUser): Promise<TaskResponse[]> {
    return this.tasks.list(user.id);
  }

  @Get(':id')
  @ApiOkResponse({ type: TaskResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  get(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<TaskResponse> {
    return this.tasks.get(id, ownerScope(user));
  }

  @Patch(':id')
  @ApiOkResponse({ type: TaskResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: UpdateTaskBody,
  ): Promise<TaskResponse> {
    return this.tasks.update(id, ownerScope(user), body);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a task, its schedules and run history (projects stay)' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponse })
  delete(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<void> {
    return this.tasks.delete(id, ownerScope(user));
  }

  @Post(':id/clone')
  @ApiOperation({ summary: 'Copy a task (without schedules or runs)' })
  @ApiCreatedResponse({ type: TaskResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiForbiddenResponse({ type: ErrorResponse, description: 'maxTasksPerUser (100) reached' })
  clone(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<TaskResponse> {
    return this.tasks.clone(id, ownerScope(user));
  }

  @Post(':id/run')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Run now',
    description:
      'Fetch the source’s clips → project → clips → downloads → timeline → compile; follow it ' +
      'with GET /api/automation/runs/:id. 409 while the task already has a run going.',
  })
  @ApiAcceptedResponse({ type: StartRunResponseBody })
  @ApiNotFoundResponse({ type: ErrorResponse })
  @ApiConflictResponse({ type: ErrorResponse })
  run(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<StartRunResponseBody> {
    return this.runs.start(id, ownerScope(user));
  }

  @Get(':id/runs')
  @ApiOperation({ summary: 'The task’s runs, newest first (the last 100)' })
  @ApiOkResponse({ type: [RunResponse] })
  @ApiNotFoundResponse({ type: ErrorResponse })
  history(@CurrentUser() user: AuthUser, @Param('id', uuid) id: string): Promise<RunResponse[]> {
    return this.runs.list(id, ownerScope(user));
  }

  @Get(':id/schedules')
  @ApiOkResponse({ type: [ScheduleResponse] })
  @ApiNotFoundResponse({ type: ErrorResponse })
  schedulesOf(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
  ): Promise<ScheduleResponse[]> {
    return this.schedules.list(id, ownerScope(user));
  }

  @Post(':id/schedules')
  @ApiOperation({
    summary: 'Add a schedule',
    description:
      'daily | weekly (weekday 0 = Sunday … 6) | monthly (dayOfMonth 1-31; a day the month ' +
      'lacks is its last day), time HH:MM in timezone (IANA, default UTC). 403 naming the limit ' +
      'when the tier has no canSchedule or the user has maxSchedulesPerUser already.',
  })
  @ApiCreatedResponse({ type: ScheduleResponse })
  @ApiForbiddenResponse({ type: ErrorResponse })
  @ApiNotFoundResponse({ type: ErrorResponse })
  addSchedule(
    @CurrentUser() user: AuthUser,
    @Param('id', uuid) id: string,
    @Body() body: CreateScheduleBody,
  ): Promise<ScheduleResponse> {
    return this.schedules.create(id, ownerScope(user), body);
  }
}
