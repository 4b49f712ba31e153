import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import {
  QUEUE_NAMES,
  type AdminWorkerDto,
  type CreateWorkerRegistrationTokenRequest,
  type QueueName,
  type WorkerRegistrationTokenDto,
  type WorkerRevokeResponse,
} from '@clippyfront/shared';
import { EncoderStatusBody } from '../workers/encoder-status.dto.js';

export class AdminWorkerResponse implements AdminWorkerDto {
  @ApiProperty() workerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: QUEUE_NAMES, isArray: true }) queues: QueueName[];
  @ApiProperty() concurrency: number;
  @ApiProperty() version: string;
  @ApiProperty({ type: String, nullable: true }) ffmpegVersion: string | null;
  @ApiProperty({ type: EncoderStatusBody, nullable: true }) encoder: EncoderStatusBody | null;
  @ApiProperty({ format: 'date-time' }) lastSeenAt: string;
  @ApiProperty() online: boolean;
  @ApiProperty({ format: 'date-time' }) registeredAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) revokedAt: string | null;
  @ApiProperty() jobsRunning: number;
  @ApiProperty() jobsCompleted: number;
  @ApiProperty() jobsFailed: number;
}

export class CreateRegistrationTokenBody implements CreateWorkerRegistrationTokenRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: 10080, default: 60 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10080)
  expiresInMinutes?: number;
}

export class RegistrationTokenResponse implements WorkerRegistrationTokenDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Shown once; good for one registration' }) token: string;
  @ApiProperty({ format: 'date-time' }) expiresAt: string;
}

export class WorkerRevokeResult implements WorkerRevokeResponse {
  @ApiProperty() releasedJobs: number;
}
