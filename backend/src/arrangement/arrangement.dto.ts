import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsUUID,
  ValidateIf,
  type ValidationOptions,
} from 'class-validator';
import {
  ARRANGEMENT_RULES,
  TIMELINE_REFUSALS,
  type ArrangementDto,
  type TimelineDto,
  type TimelineClipDto,
  type TimelineRefusal,
  type TimelineRefusedDto,
  type UpdateArrangementRequest,
  type UpdateTimelineRequest,
} from '@clippyfront/shared';
import { ClipResponse } from '../clips/clips.dto.js';

/** Present, and either null or a UUID (a missing field is refused, not taken as null). */
const UuidOrNull = (options: ValidationOptions) => (target: object, key: string) => {
  ValidateIf((_object, value) => value !== null)(target, key);
  IsUUID('all', options)(target, key);
};

export class UpdateArrangementBody implements UpdateArrangementRequest {
  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'One of your media of type `intro`, or null for none',
  })
  @UuidOrNull({ message: 'introId must be a UUID or null' })
  introId: string | null;

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'One of your media of type `outro`, or null for none',
  })
  @UuidOrNull({ message: 'outroId must be a UUID or null' })
  outroId: string | null;

  @ApiProperty({
    type: [String],
    format: 'uuid',
    maxItems: ARRANGEMENT_RULES.maxTransitions,
    description: 'Your media of type `transition`, each once, in the order they are cycled',
  })
  @IsArray()
  @ArrayMaxSize(ARRANGEMENT_RULES.maxTransitions)
  @IsUUID('all', { each: true, message: 'each of transitionIds must be a UUID' })
  transitionIds: string[];

  @ApiProperty({ description: 'Draw a transition at random for each gap instead of cycling' })
  @IsBoolean()
  randomizeTransitions: boolean;
}

export class ArrangementResponse implements ArrangementDto {
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) introId: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) outroId: string | null;
  @ApiProperty({ type: [String], format: 'uuid' }) transitionIds: string[];
  @ApiProperty() randomizeTransitions: boolean;
}

export class UpdateTimelineBody implements UpdateTimelineRequest {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    maxItems: ARRANGEMENT_RULES.maxTimelineClips,
    description: 'The exact order; each a ready clip of this project, once. [] empties it.',
  })
  @IsArray()
  @ArrayMaxSize(ARRANGEMENT_RULES.maxTimelineClips)
  @IsUUID('all', { each: true, message: 'each of clipIds must be a UUID' })
  clipIds: string[];
}

export class TimelineClipResponse extends ClipResponse implements TimelineClipDto {
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The downloaded file’s duration (ffprobe), else the platform’s',
  })
  override durationSeconds: number | null;

  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'What the compilation uses: the duration cut to the project’s maxClipSeconds',
  })
  playSeconds: number | null;
}

export class TimelineResponse implements TimelineDto {
  @ApiProperty({ type: [TimelineClipResponse] }) items: TimelineClipResponse[];
  @ApiProperty({ description: 'Sum of playSeconds' }) totalSeconds: number;
  @ApiProperty({ description: 'The project’s output.maxClipSeconds' }) maxClipSeconds: number;
}

export class TimelineRefusedClipResponse {
  @ApiProperty({ format: 'uuid' }) clipId: string;
  @ApiProperty({ enum: TIMELINE_REFUSALS }) reason: TimelineRefusal;
  @ApiProperty({ example: 'The clip is downloading; only ready clips can be on the timeline' })
  message: string;
}

/** The 400 when some ids are not distinct ready clips of the project. */
export class TimelineRefusedResponse implements TimelineRefusedDto {
  @ApiProperty({ example: 400 }) statusCode: number;
  @ApiProperty({ example: 'The timeline was not changed: 1 clip id refused (…)' })
  message: string;
  @ApiProperty({ type: [TimelineRefusedClipResponse] }) refused: TimelineRefusedClipResponse[];
}
