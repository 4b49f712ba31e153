import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { JobEntity } from '../jobs/job.entity.js';

/**
 * Render time used: the output duration of a user's `compile` jobs that completed in a window.
 * Jobs outlive their compilations and projects, so deleting a video does not give time back;
 * a failed or cancelled compile counts nothing, and a retried job completes (counts) once.
 */
@Injectable()
export class RenderUsageRepository {
  constructor(@InjectRepository(JobEntity) private readonly jobs: Repository<JobEntity>) {}

  async secondsBetween(ownerId: string, start: Date, end: Date): Promise<number> {
    const row = await this.jobs
      .createQueryBuilder('job')
      .select(
        `COALESCE(SUM(COALESCE((job.result->>'durationSeconds')::double precision, 0)), 0)`,
        'seconds',
      )
      .where('job.ownerId = :ownerId', { ownerId })
      .andWhere(`job.kind = 'compile' AND job.state = 'completed'`)
      .andWhere('job.finishedAt >= :start AND job.finishedAt < :end', { start, end })
      .getRawOne<{ seconds: string | number }>();
    return Number(row?.seconds ?? 0);
  }

  /** The estimated output length of a user's compiles that are queued or running. */
  async reservedSeconds(ownerId: string): Promise<number> {
    const row = await this.jobs
      .createQueryBuilder('job')
      .select(
        `COALESCE(SUM(COALESCE((job.payload->>'estimatedSeconds')::double precision, 0)), 0)`,
        'seconds',
      )
      .where('job.ownerId = :ownerId', { ownerId })
      .andWhere(`job.kind = 'compile' AND job.state IN ('queued', 'running')`)
      .getRawOne<{ seconds: string | number }>();
    return Number(row?.seconds ?? 0);
  }
}
