import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, EntityManager, Repository } from 'typeorm';
import { ClipEntity } from '../clips/clip.entity.js';

/** One timeline change, inside a transaction that holds the project's and its clips' locks. */
export class TimelineChange {
  constructor(
    private readonly manager: EntityManager,
    private readonly projectId: string,
  ) {}

  /** Those of `ids` that are clips of this project, with their media id and download job. */
  async clipsAmong(ids: string[]): Promise<ClipEntity[]> {
    if (!ids.length) return [];
    return this.manager
      .getRepository(ClipEntity)
      .createQueryBuilder('clip')
      .leftJoin('clip.job', 'job')
      .addSelect(['job.id', 'job.state', 'job.progress', 'job.error'])
      .where('clip.projectId = :projectId', { projectId: this.projectId })
      .andWhere('clip.id IN (:...ids)', { ids })
      .getMany();
  }

  /** Exactly these clips on the timeline, in this order; every other clip of the project off. */
  async setOrder(clipIds: string[]): Promise<void> {
    await this.manager.query(
      'UPDATE clips SET timeline_position = NULL WHERE project_id = $1 AND timeline_position IS NOT NULL',
      [this.projectId],
    );
    if (!clipIds.length) return;
    await this.manager.query(
      `UPDATE clips SET timeline_position = t.position::int
       FROM unnest($2::uuid[]) WITH ORDINALITY AS t(id, position)
       WHERE clips.id = t.id AND clips.project_id = $1`,
      [this.projectId, clipIds],
    );
  }
}

/**
 * The timeline is the clips' `timeline_position`: a deleted clip leaves it with its row, a clip
 * can only be on its own project's timeline, and the unique index keeps the order exact.
 */
@Injectable()
export class TimelineRepository {
  constructor(
    @InjectRepository(ClipEntity) private readonly clips: Repository<ClipEntity>,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The project's clips on the timeline that have media (ready), in order, with the media. */
  listReady(projectId: string): Promise<ClipEntity[]> {
    return this.clips
      .createQueryBuilder('clip')
      .innerJoin('clip.media', 'media')
      .addSelect(['media.id', 'media.type', 'media.thumbnailPath', 'media.durationSeconds'])
      .where('clip.projectId = :projectId', { projectId })
      .andWhere('clip.timelinePosition IS NOT NULL')
      .orderBy('clip.timelinePosition', 'ASC')
      .getMany();
  }

  /**
   * Runs `work` in a transaction that first locks the project row (timeline changes of one
   * project run one at a time) and its clips (none is deleted or loses its media until the
   * change is committed, so what `work` checked still holds when it is written).
   */
  change<T>(projectId: string, work: (change: TimelineChange) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT id FROM projects WHERE id = $1 FOR UPDATE', [projectId]);
      await manager.query('SELECT id FROM clips WHERE project_id = $1 ORDER BY id FOR UPDATE', [
        projectId,
      ]);
      return work(new TimelineChange(manager, projectId));
    });
  }
}
