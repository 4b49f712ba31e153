import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { Type } from 'class-transformer';
import { EncoderStatusBody } from '../workers/encoder-status.dto.js';
import {
  ACCEPTED_QUEUE_NAMES,
  JOB_KIND_NAMES,
  type ClaimJobRequest,
  type ClaimJobResponse,
  type CompleteJobRequest,
  type FailJobRequest,
  type JobKind,
  type JobUpdateRequest,
  type JobUpdateResponse,
  type AcceptedQueueName,
  type WorkerHeartbeatRequest,
  type WorkerRegisterRequest,
  type WorkerRegisterResponse,
} from '@clippyfront/shared';

const WORKER_ID = /^[\w.:@-]+$/;
/** Printable, no control characters (shown in lists and logs). */
const WORKER_NAME = /^[^\p{C}]+$/u;

export class RegisterBody implements WorkerRegisterRequest {
  @ApiProperty() @IsString() @Length(1, 100) @Matches(WORKER_NAME) name: string;
  @ApiProperty({
    enum: ACCEPTED_QUEUE_NAMES,
    isArray: true,
    description: "'cpu' is a deprecated name for 'celery' (stored as 'celery')",
  })
  @IsArray()
  @ArrayUnique()
  @IsIn(ACCEPTED_QUEUE_NAMES, { each: true })
  queues: AcceptedQueueName[];
  @ApiProperty() @IsInt() @Min(1) @Max(256) concurrency: number;
  @ApiProperty() @IsString() @Length(1, 64) version: string;
  @ApiProperty({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(128)
  ffmpegVersion: string | null;
  @ApiPropertyOptional({ type: EncoderStatusBody, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => EncoderStatusBody)
  encoder?: EncoderStatusBody | null;
}

export class RegisterResponse implements WorkerRegisterResponse {
  @ApiProperty() workerId: string;
  @ApiProperty({ description: "The worker's own token: shown once; send it on every later call" })
  token: string;
}

export class HeartbeatBody extends RegisterBody implements WorkerHeartbeatRequest {
  @ApiPropertyOptional({ description: "Optional; must be the token's worker" })
  @IsOptional()
  @Matches(WORKER_ID)
  @Length(1, 128)
  workerId?: string;

  @ApiPropertyOptional({ description: 'Random per process start (a new one: it restarted)' })
  @IsOptional()
  @Matches(WORKER_ID)
  @Length(8, 64)
  bootId?: string;
}

export class ClaimBody implements ClaimJobRequest {
  @ApiPropertyOptional({ description: "Optional; must be the token's worker" })
  @IsOptional()
  @Matches(WORKER_ID)
  @Length(1, 128)
  workerId?: string;

  @ApiPropertyOptional({
    description:
      'true: the job named is only a wake-up; the API hands out the fairest queued job of its ' +
      "queue (the answer's jobId names it). Omitted: exactly the job named.",
  })
  @IsOptional()
  @IsBoolean()
  fair?: boolean;
}

export class ClaimResponse implements ClaimJobResponse {
  @ApiProperty({ format: 'uuid' }) jobId: string;
  @ApiProperty({ enum: JOB_KIND_NAMES }) kind: JobKind;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload: unknown;
  @ApiProperty() attempt: number;
  @ApiProperty({ description: 'Per-job token; required on every later call for this claim' })
  token: string;
}

class TokenBody {
  @ApiProperty() @IsString() @Length(16, 128) token: string;

  @ApiPropertyOptional({ type: [String], maxItems: 500 })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  log?: string[];
}

export class UpdateBody extends TokenBody implements JobUpdateRequest {
  @ApiPropertyOptional({ minimum: 0, maximum: 100 })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100)
  progress?: number;
}

export class UpdateResponse implements JobUpdateResponse {
  @ApiProperty({ description: 'true: the job was cancelled, stop working on it' })
  cancelled: boolean;
}

export class CompleteBody extends TokenBody implements CompleteJobRequest {
  @ApiProperty({ type: 'object', additionalProperties: true })
  @IsDefined()
  result: unknown;
}

export class FailBody extends TokenBody implements FailJobRequest {
  @ApiProperty() @IsString() @Length(1, 4000) error: string;
}
