import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  ARRANGEMENT_RULES,
  AUTOMATION_RULES,
  PREVIOUS_PROJECT_POLICIES,
  RUN_STAGES,
  RUN_STATES,
  RUN_TRIGGERS,
  SCHEDULE_TYPES,
  TASK_SOURCE_KINDS,
  type AutomationRunDto,
  type AutomationRunListDto,
  type AutomationTaskDto,
  type CreatableScheduleType,
  type CreateScheduleRequest,
  type CreateTaskRequest,
  type PreviousProjectPolicy,
  type ProjectOutputSettings,
  type RunStage,
  type RunState,
  type RunTrigger,
  type ScheduleDto,
  type ScheduleType,
  type SchedulerTickDto,
  type SkippedClipDto,
  type StartRunResponse,
  type TaskSource,
  type UpdateScheduleRequest,
  type UpdateTaskRequest,
} from '@clippyfront/shared';
import { OptionalNotNull } from '../common/optional-not-null.js';
import { OutputSettingsBody } from '../projects/projects.dto.js';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** Checked field by field by the service (the fields depend on `kind`). */
export class TaskSourceBody {
  @ApiProperty({ enum: TASK_SOURCE_KINDS })
  kind: string;

  @ApiPropertyOptional({ description: 'twitch: default the owner’s profile twitchUsername' })
  username?: string | null;

  @ApiPropertyOptional({ description: `twitch: 1-${AUTOMATION_RULES.maxLastDays} (default 7)` })
  lastDays?: number;

  @ApiPropertyOptional({ description: `1-${AUTOMATION_RULES.maxCount} (default 10)` })
  count?: number;

  @ApiPropertyOptional({ description: 'twitch: at least this many views (default 0)' })
  minViews?: number;

  @ApiPropertyOptional({ enum: ['views', 'newest'], description: 'twitch (default views)' })
  sort?: 'views' | 'newest';

  @ApiPropertyOptional({ description: 'discord: the channel id (required)' })
  channelId?: string;
}

class TaskFieldsBody {
  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'introId must be a media id' })
  introId?: string | null;

  @ApiPropertyOptional({ type: String, format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'outroId must be a media id' })
  outroId?: string | null;

  @ApiPropertyOptional({ type: [String], maxItems: ARRANGEMENT_RULES.maxTransitions })
  @OptionalNotNull()
  @IsArray()
  @IsUUID('all', { each: true, message: 'transitionIds must be media ids' })
  transitionIds?: string[];

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  randomizeTransitions?: boolean;

  @ApiPropertyOptional({ type: OutputSettingsBody })
  @OptionalNotNull()
  @IsObject()
  @ValidateNested()
  @Type(() => OutputSettingsBody)
  output?: OutputSettingsBody;

  @ApiPropertyOptional({
    maxLength: AUTOMATION_RULES.templateMaxLength,
    description: '{task}: the task’s name, {date}: the run’s date (default "{task} {date}")',
  })
  @OptionalNotNull()
  @Transform(trim)
  @IsString()
  @IsNotEmpty({ message: 'projectNameTemplate must not be empty' })
  @MaxLength(AUTOMATION_RULES.templateMaxLength)
  projectNameTemplate?: string;

  @ApiPropertyOptional({ enum: PREVIOUS_PROJECT_POLICIES })
  @OptionalNotNull()
  @IsIn(PREVIOUS_PROJECT_POLICIES)
  previousProject?: PreviousProjectPolicy;
}

export class CreateTaskBody extends TaskFieldsBody implements CreateTaskRequest {
  @ApiProperty({ maxLength: AUTOMATION_RULES.nameMaxLength })
  @Transform(trim)
  @IsString({ message: 'name must be a string' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(AUTOMATION_RULES.nameMaxLength)
  name: string;

  @ApiProperty({ type: TaskSourceBody })
  @IsObject({ message: 'source must be an object with a kind' })
  source: CreateTaskRequest['source'];
}

export class UpdateTaskBody extends TaskFieldsBody implements UpdateTaskRequest {
  @ApiPropertyOptional({ maxLength: AUTOMATION_RULES.nameMaxLength })
  @OptionalNotNull()
  @Transform(trim)
  @IsString({ message: 'name must be a string' })
  @IsNotEmpty({ message: 'name must not be empty' })
  @MaxLength(AUTOMATION_RULES.nameMaxLength)
  name?: string;

  @ApiPropertyOptional({ type: TaskSourceBody })
  @OptionalNotNull()
  @IsObject({ message: 'source must be an object with a kind' })
  source?: CreateTaskRequest['source'];
}

class ScheduleFieldsBody {
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'weekly: 0 = Sunday … 6' })
  @IsOptional()
  @IsInt({ message: 'weekday must be 0 (Sunday) to 6 (Saturday)' })
  @Min(0, { message: 'weekday must be 0 (Sunday) to 6 (Saturday)' })
  @Max(6, { message: 'weekday must be 0 (Sunday) to 6 (Saturday)' })
  weekday?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, description: 'monthly: 1-31' })
  @IsOptional()
  @IsInt({ message: 'dayOfMonth must be 1 to 31' })
  @Min(1, { message: 'dayOfMonth must be 1 to 31' })
  @Max(31, { message: 'dayOfMonth must be 1 to 31' })
  dayOfMonth?: number | null;

  @ApiPropertyOptional({ example: 'Europe/Berlin', description: 'IANA zone (default UTC)' })
  @OptionalNotNull()
  @IsString()
  @MaxLength(64)
  timezone?: string;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  enabled?: boolean;
}

/** `type` is checked by the service: legacy `once` gets its own message. */
export class CreateScheduleBody extends ScheduleFieldsBody implements CreateScheduleRequest {
  @ApiProperty({ enum: SCHEDULE_TYPES })
  @IsString({ message: `type must be one of ${SCHEDULE_TYPES.join(', ')}` })
  type: CreatableScheduleType;

  @ApiProperty({ example: '09:30', description: 'HH:MM local to timezone' })
  @IsString({ message: 'time must be HH:MM' })
  time: string;
}

export class UpdateScheduleBody extends ScheduleFieldsBody implements UpdateScheduleRequest {
  @ApiPropertyOptional({ enum: SCHEDULE_TYPES })
  @OptionalNotNull()
  @IsString({ message: `type must be one of ${SCHEDULE_TYPES.join(', ')}` })
  type?: CreatableScheduleType;

  @ApiPropertyOptional({ example: '09:30', description: 'HH:MM local to timezone' })
  @OptionalNotNull()
  @IsString({ message: 'time must be HH:MM' })
  time?: string;
}

export class SkippedClipResponse implements SkippedClipDto {
  @ApiProperty() url: string;
  @ApiProperty() reason: string;
}

export class RunResponse implements AutomationRunDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ enum: RUN_TRIGGERS }) trigger: RunTrigger;
  @ApiProperty({ type: String, nullable: true }) scheduleId: string | null;
  @ApiProperty({ enum: RUN_STATES }) state: RunState;
  @ApiProperty({ enum: RUN_STAGES }) stage: RunStage;
  @ApiProperty() progress: number;
  @ApiProperty({ type: String, nullable: true }) projectId: string | null;
  @ApiProperty({ type: String, nullable: true }) compilationId: string | null;
  @ApiProperty({ type: String, nullable: true }) videoMediaId: string | null;
  @ApiProperty({ type: [SkippedClipResponse] }) skippedClips: SkippedClipDto[];
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: String, nullable: true }) scheduledFor: string | null;
  @ApiProperty() late: boolean;
  @ApiProperty({ type: [String] }) log: string[];
  @ApiProperty() createdAt: string;
  @ApiProperty({ type: String, nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, nullable: true }) finishedAt: string | null;
}

export class RunListResponse implements AutomationRunListDto {
  @ApiProperty({ type: [RunResponse] }) items: AutomationRunDto[];
}

export class StartRunResponseBody implements StartRunResponse {
  @ApiProperty({ format: 'uuid' }) runId: string;
}

export class TaskResponse implements AutomationTaskDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: TaskSourceBody }) source: TaskSource;
  @ApiProperty({ type: String, nullable: true }) introId: string | null;
  @ApiProperty({ type: String, nullable: true }) outroId: string | null;
  @ApiProperty({ type: [String] }) transitionIds: string[];
  @ApiProperty() randomizeTransitions: boolean;
  @ApiProperty({ type: OutputSettingsBody }) output: ProjectOutputSettings;
  @ApiProperty() projectNameTemplate: string;
  @ApiProperty({ enum: PREVIOUS_PROJECT_POLICIES }) previousProject: PreviousProjectPolicy;
  @ApiProperty({ type: RunResponse, nullable: true }) lastRun: AutomationRunDto | null;
  @ApiProperty({ type: String, nullable: true }) nextRunAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

export class ScheduleResponse implements ScheduleDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) taskId: string;
  @ApiProperty({ enum: [...SCHEDULE_TYPES, 'once'] }) type: ScheduleType;
  @ApiProperty() time: string;
  @ApiProperty({ type: Number, nullable: true }) weekday: number | null;
  @ApiProperty({ type: Number, nullable: true }) dayOfMonth: number | null;
  @ApiProperty() timezone: string;
  @ApiProperty() enabled: boolean;
  @ApiProperty({ type: String, nullable: true }) nextRunAt: string | null;
  @ApiProperty({ type: String, nullable: true }) lastRunAt: string | null;
  @ApiProperty() createdAt: string;
  @ApiProperty() updatedAt: string;
}

class TickStarted {
  @ApiProperty() scheduleId: string;
  @ApiProperty() runId: string;
  @ApiProperty() late: boolean;
}

export class SchedulerTickResponse implements SchedulerTickDto {
  @ApiProperty({ type: [TickStarted] }) started: SchedulerTickDto['started'];
}
