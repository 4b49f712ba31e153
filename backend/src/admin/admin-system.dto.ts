import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DISK_FOLDERS,
  QUEUE_NAMES,
  type DiskFolder,
  type DiskFolderDto,
  type PeriodicTaskDto,
  type QueueName,
  type QueueStatsDto,
  type SystemInfoDto,
  type SystemWorkerDto,
  type ToolVersionDto,
} from '@clippyfront/shared';
import { WorkerResponse } from '../health/health.dto.js';
import { EncoderStatusBody } from '../workers/encoder-status.dto.js';

class SystemDatabase {
  @ApiProperty({ enum: ['up', 'down'] }) status: 'up' | 'down';
  @ApiProperty({ enum: ['embedded', 'external'] }) mode: 'embedded' | 'external';
  @ApiProperty({ type: String, nullable: true }) serverVersion: string | null;
  @ApiProperty({ type: Number, nullable: true }) sizeBytes: number | null;
  @ApiPropertyOptional() error?: string;
}

class SystemRedis {
  @ApiProperty({ enum: ['up', 'down', 'not-configured'] })
  status: 'up' | 'down' | 'not-configured';
  @ApiProperty({ type: String, nullable: true }) version: string | null;
  @ApiProperty({ type: Number, nullable: true }) usedMemoryBytes: number | null;
  @ApiProperty({ type: String, nullable: true, description: 'QUEUE_PREFIX' })
  queuePrefix: string | null;
  @ApiPropertyOptional() error?: string;
}

class SystemJobs {
  @ApiProperty({ enum: ['redis', 'in-process'] }) mode: 'redis' | 'in-process';
}

class QueueStats implements QueueStatsDto {
  @ApiProperty({ enum: QUEUE_NAMES }) name: QueueName;
  @ApiProperty() waiting: number;
  @ApiProperty() active: number;
  @ApiProperty({ description: 'Failed jobs in the jobs table' }) failed: number;
  @ApiProperty({ enum: ['bull', 'jobs-table'], description: 'Where waiting/active come from' })
  source: 'bull' | 'jobs-table';
}

class SystemWorker extends WorkerResponse implements SystemWorkerDto {
  @ApiProperty({ description: 'Jobs it runs now' }) currentJobs: number;
}

class DiskFolderUsage implements DiskFolderDto {
  @ApiProperty({ enum: DISK_FOLDERS }) name: DiskFolder;
  @ApiProperty({ type: String, nullable: true }) path: string | null;
  @ApiProperty({ type: Number, nullable: true }) bytes: number | null;
  @ApiProperty() files: number;
  @ApiProperty({ description: 'false: the count hit its time limit (bytes is a lower bound)' })
  complete: boolean;
}

class SystemDisk {
  @ApiProperty() instancePath: string;
  @ApiProperty({ type: [DiskFolderUsage] }) folders: DiskFolderUsage[];
  @ApiProperty({ type: Number, nullable: true }) freeBytes: number | null;
  @ApiProperty({ type: Number, nullable: true }) totalBytes: number | null;
}

class ToolVersion implements ToolVersionDto {
  @ApiProperty({ type: String, nullable: true }) path: string | null;
  @ApiProperty({ type: String, nullable: true }) version: string | null;
}

class SystemTools {
  @ApiProperty({ type: ToolVersion }) ffmpeg: ToolVersion;
  @ApiProperty({ type: ToolVersion }) ffprobe: ToolVersion;
  @ApiProperty({ type: ToolVersion }) ytDlp: ToolVersion;
}

class PeriodicTask implements PeriodicTaskDto {
  @ApiProperty() name: string;
  @ApiProperty() description: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Seconds between runs; null: off' })
  everySeconds: number | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Environment setting(s) of the interval; null: fixed',
  })
  setting: string | null;
  @ApiProperty({ description: 'A run is under way now' }) running: boolean;
  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the last finished run started',
  })
  lastRunAt: string | null;
  @ApiProperty({ type: Number, nullable: true }) lastDurationMs: number | null;
  @ApiProperty({ type: Boolean, nullable: true, description: 'The last finished run succeeded' })
  lastOk: boolean | null;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The most recent failure (kept after later successes)',
  })
  lastError: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) lastErrorAt: string | null;
}

export class SystemInfoResponse implements SystemInfoDto {
  @ApiProperty() version: string;
  @ApiProperty() uptimeSeconds: number;
  @ApiProperty({ type: SystemDatabase }) database: SystemDatabase;
  @ApiProperty({ type: SystemRedis }) redis: SystemRedis;
  @ApiProperty({ type: SystemJobs }) jobs: SystemJobs;
  @ApiProperty({ type: [QueueStats] }) queues: QueueStats[];
  @ApiProperty({ type: [SystemWorker] }) workers: SystemWorker[];
  @ApiProperty({ type: SystemDisk }) disk: SystemDisk;
  @ApiProperty({ type: SystemTools }) tools: SystemTools;
  @ApiProperty({ type: EncoderStatusBody, nullable: true }) encoder: EncoderStatusBody | null;
  @ApiProperty({ type: [PeriodicTask], description: "This API process's periodic tasks" })
  periodicTasks: PeriodicTask[];
}
