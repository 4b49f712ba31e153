import { Inject, Injectable } from '@nestjs/common';
import type { WorkerDto, WorkerHeartbeatRequest } from '@clippyfront/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { WorkerEntity } from './worker.entity.js';
import { WorkersRepository } from './workers.repository.js';

/** Which workers are alive, judged by their last heartbeat. */
@Injectable()
export class WorkersService {
  constructor(
    private readonly workers: WorkersRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  heartbeat(beat: WorkerHeartbeatRequest): Promise<void> {
    return this.workers.upsert(beat, new Date());
  }

  async online(): Promise<WorkerDto[]> {
    const since = new Date(Date.now() - this.config.jobs.workerOnlineSeconds * 1000);
    const rows = await this.workers.seenSince(since);
    return rows.map((row) => this.toDto(row, true));
  }

  private toDto(row: WorkerEntity, online: boolean): WorkerDto {
    return {
      workerId: row.id,
      name: row.name,
      queues: row.queues,
      concurrency: row.concurrency,
      version: row.version,
      ffmpegVersion: row.ffmpegVersion,
      encoder: row.encoder,
      lastSeenAt: row.lastSeenAt.toISOString(),
      online,
    };
  }
}
