import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThanOrEqual, type Repository } from 'typeorm';
import type { WorkerHeartbeatRequest } from '@clippyfront/shared';
import { WorkerEntity } from './worker.entity.js';

@Injectable()
export class WorkersRepository {
  constructor(@InjectRepository(WorkerEntity) private readonly workers: Repository<WorkerEntity>) {}

  async upsert(beat: WorkerHeartbeatRequest, seenAt: Date): Promise<void> {
    await this.workers.upsert(
      {
        id: beat.workerId,
        name: beat.name,
        queues: beat.queues,
        concurrency: beat.concurrency,
        version: beat.version,
        ffmpegVersion: beat.ffmpegVersion,
        encoder: beat.encoder ?? null,
        lastSeenAt: seenAt,
      },
      ['id'],
    );
  }

  seenSince(since: Date): Promise<WorkerEntity[]> {
    return this.workers.find({
      where: { lastSeenAt: MoreThanOrEqual(since) },
      order: { name: 'ASC' },
    });
  }
}
