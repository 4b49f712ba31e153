import { PaginationQuery } from '../common/pagination.dto.js';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import {
  JOB_KIND_NAMES,
  JOB_STATES,
  QUEUE_NAMES,
  type JobDto,
  type JobKind,
  type JobListDto,
  type JobState,
  type ProbePayload,
  type QueueName,
} from '@clippyfront/shared';

export class ListJobsQuery extends PaginationQuery {
  @ApiPropertyOptional({ enum: JOB_STATES })
  @IsOptional()
  @IsIn(JOB_STATES)
  state?: JobState;

  @ApiPropertyOptional({ enum: JOB_KIND_NAMES })
  @IsOptional()
  @IsIn(JOB_KIND_NAMES)
  kind?: JobKind;

  @ApiPropertyOptional({ description: "The owner's username (admins: anyone's)" })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  owner?: string;

  @ApiPropertyOptional({ description: 'The worker that ran (or runs) the job' })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  workerId?: string;
}

/** A probe makes a test clip: no bigger than this, so it cannot hold a worker for long. */
export const PROBE_LIMITS = { durationSeconds: 10, width: 1920, height: 1080, fps: 60 } as const;

export class CreateProbeJobBody implements Partial<ProbePayload> {
  @ApiPropertyOptional({
    minimum: 1,
    maximum: PROBE_LIMITS.durationSeconds,
    default: 2,
    description: 'Clip length (s)',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(PROBE_LIMITS.durationSeconds)
  durationSeconds?: number;

  @ApiPropertyOptional({ minimum: 16, maximum: PROBE_LIMITS.width, default: 320 })
  @IsOptional()
  @IsInt()
  @Min(16)
  @Max(PROBE_LIMITS.width)
  width?: number;

  @ApiPropertyOptional({ minimum: 16, maximum: PROBE_LIMITS.height, default: 240 })
  @IsOptional()
  @IsInt()
  @Min(16)
  @Max(PROBE_LIMITS.height)
  height?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: PROBE_LIMITS.fps, default: 25 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(PROBE_LIMITS.fps)
  fps?: number;
}

export class JobResponse implements JobDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: JOB_KIND_NAMES }) kind: JobKind;
  @ApiProperty({ enum: QUEUE_NAMES }) queue: QueueName;
  @ApiProperty({ enum: JOB_STATES }) state: JobState;
  @ApiProperty({ minimum: 0, maximum: 100 }) progress: number;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) ownerId: string | null;
  @ApiPropertyOptional({ type: String, nullable: true, description: 'In lists' })
  ownerUsername?: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: unknown;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) result: unknown;
  @ApiProperty({ type: String, nullable: true }) error: string | null;
  @ApiProperty({ type: [String] }) log: string[];
  @ApiProperty() attempts: number;
  @ApiProperty() maxAttempts: number;
  @ApiProperty({ type: String, nullable: true }) workerId: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) startedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) finishedAt: string | null;
}

export class JobListResponse implements JobListDto {
  @ApiProperty({ type: [JobResponse] }) items: JobResponse[];
  @ApiProperty() total: number;
}
