import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  QUEUE_NAMES,
  type HealthDto,
  type HealthSummaryDto,
  type QueueName,
  type WorkerDto,
} from '@clippyfront/shared';
import { EncoderStatusBody } from '../workers/encoder-status.dto.js';

class DatabaseHealth {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ enum: ['postgres', 'embedded'] }) mode: 'postgres' | 'embedded';
  @ApiPropertyOptional() error?: string;
}

class RedisHealth {
  @ApiProperty({ enum: ['up', 'down', 'embedded'] }) status: 'up' | 'down' | 'embedded';
  @ApiPropertyOptional() error?: string;
}

class JobsHealth {
  @ApiProperty({ enum: ['redis', 'in-process'] }) mode: 'redis' | 'in-process';
}

class FfmpegHealth {
  @ApiProperty() available: boolean;
  @ApiProperty({ type: String, nullable: true }) version: string | null;
  @ApiProperty({ type: String, nullable: true }) ffmpegPath: string | null;
  @ApiProperty({ type: String, nullable: true }) ffprobePath: string | null;
  @ApiProperty({ type: EncoderStatusBody, nullable: true }) encoder: EncoderStatusBody | null;
}

export class WorkerResponse implements WorkerDto {
  @ApiProperty() workerId: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: QUEUE_NAMES, isArray: true }) queues: QueueName[];
  @ApiProperty() concurrency: number;
  @ApiProperty() version: string;
  @ApiProperty({ type: String, nullable: true }) ffmpegVersion: string | null;
  @ApiPropertyOptional({ type: EncoderStatusBody, nullable: true })
  encoder?: EncoderStatusBody | null;
  @ApiProperty({ format: 'date-time' }) lastSeenAt: string;
  @ApiProperty() online: boolean;
}

class WorkersHealth {
  @ApiProperty() online: number;
  @ApiProperty({ type: [WorkerResponse] }) list: WorkerResponse[];
}

class ClipSources {
  @ApiProperty({
    description: 'Links to sites other than Twitch and Discord (ALLOW_EXTERNAL_URLS)',
  })
  external: boolean;
}

class RenderReadiness {
  @ApiProperty({ description: 'A compile can run now' }) ready: boolean;
  @ApiProperty({ type: [String], description: 'System packages to install where jobs run' })
  missing: string[];
  @ApiProperty({ type: String, nullable: true }) reason: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'sudo apt-get install -y ffmpeg' })
  installCommand: string | null;
}

class PartStatus {
  @ApiProperty({ enum: ['up', 'down', 'embedded'] }) status: 'up' | 'down' | 'embedded';
}

/** Visitors: the overall status; signed-in users also each part's. */
export class HealthSummaryResponse implements HealthSummaryDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: [false] }) detailed: false;
  @ApiPropertyOptional({ type: PartStatus, description: 'Signed-in users only' })
  database?: { status: 'up' | 'down' };
  @ApiPropertyOptional({ type: PartStatus, description: 'Signed-in users only' })
  redis?: { status: 'up' | 'down' | 'embedded' };
  @ApiPropertyOptional({ type: RenderReadiness, description: 'Signed-in users only' })
  render?: RenderReadiness;
  @ApiProperty({ type: ClipSources }) clipSources: ClipSources;
}

/** Admins and workers: everything. */
export class HealthResponse implements HealthDto {
  @ApiProperty({ enum: ['ok', 'degraded'] }) status: 'ok' | 'degraded';
  @ApiProperty({ enum: [true] }) detailed: true;
  @ApiProperty() version: string;
  @ApiProperty() uptimeSeconds: number;
  @ApiProperty({ type: DatabaseHealth }) database: DatabaseHealth;
  @ApiProperty({ type: RedisHealth }) redis: RedisHealth;
  @ApiProperty({ type: JobsHealth }) jobs: JobsHealth;
  @ApiProperty({ type: FfmpegHealth }) ffmpeg: FfmpegHealth;
  @ApiProperty({ type: WorkersHealth }) workers: WorkersHealth;
  @ApiProperty({ type: RenderReadiness }) render: RenderReadiness;
  @ApiProperty({ type: ClipSources }) clipSources: ClipSources;
}
