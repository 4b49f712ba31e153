import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, type EntityManager, type Repository } from 'typeorm';
import type { MediaSort, MediaType } from '@clippyfront/shared';
import type { OwnerScope } from '../common/ownership.js';
import { MediaEntity } from './media.entity.js';

export interface MediaFilter extends OwnerScope {
  type?: MediaType;
  tag?: string;
  q?: string;
  sort: MediaSort;
  limit: number;
  offset: number;
}

/** More rows written with a new media row, in its transaction. */
export type MediaAlongside = (manager: EntityManager, media: MediaEntity) => Promise<void>;

export type MediaLocation = Pick<
  MediaEntity,
  'id' | 'ownerId' | 'type' | 'durationSeconds' | 'path' | 'thumbnailPath'
>;

const ORDER: Record<MediaSort, [string, 'ASC' | 'DESC']> = {
  newest: ['media.createdAt', 'DESC'],
  oldest: ['media.createdAt', 'ASC'],
  name: ['lower(media.name)', 'ASC'],
  size: ['media.sizeBytes', 'DESC'],
  duration: ['media.durationSeconds', 'DESC'],
};

@Injectable()
export class MediaRepository {
  constructor(@InjectRepository(MediaEntity) private readonly media: Repository<MediaEntity>) {}

  /** `alongside` writes more rows in the same transaction: all or none are saved. */
  create(
    input: Omit<MediaEntity, 'id' | 'createdAt' | 'updatedAt' | 'owner'> & { id?: string },
    alongside?: MediaAlongside,
  ): Promise<MediaEntity> {
    if (!alongside) return this.media.save(this.media.create(input));
    return this.media.manager.transaction(async (manager) => {
      const media = await manager.save(manager.create(MediaEntity, input));
      await alongside(manager, media);
      return media;
    });
  }

  /** Leaves updated_at alone: the media did not change. */
  async setContentHash(id: string, sha256: string): Promise<void> {
    await this.media.query('UPDATE media SET content_sha256 = $2 WHERE id = $1', [id, sha256]);
  }

  findById(id: string): Promise<MediaEntity | null> {
    return this.media.findOneBy({ id });
  }

  findMany(ids: string[], scope: OwnerScope): Promise<MediaEntity[]> {
    return this.media.findBy({ id: In(ids), ...scope });
  }

  list(filter: MediaFilter): Promise<[MediaEntity[], number]> {
    const query = this.media.createQueryBuilder('media');
    if (filter.ownerId) query.andWhere('media.ownerId = :ownerId', { ownerId: filter.ownerId });
    if (filter.type) query.andWhere('media.type = :type', { type: filter.type });
    if (filter.tag)
      query.andWhere('media.tags @> :tag::jsonb', { tag: JSON.stringify([filter.tag]) });
    if (filter.q) {
      const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query.andWhere('media.name ILIKE :pattern', { pattern });
    }
    const [column, direction] = ORDER[filter.sort];
    return query
      .orderBy(column, direction, 'NULLS LAST')
      .addOrderBy('media.id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
  }

  async update(id: string, changes: Partial<MediaEntity>): Promise<void> {
    await this.media.update({ id }, changes);
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.length) await this.media.delete({ id: In(ids) });
  }

  /** Every row's location, for comparing the library with the disk. */
  locations(): Promise<MediaLocation[]> {
    return this.media.find({
      select: {
        id: true,
        ownerId: true,
        type: true,
        durationSeconds: true,
        path: true,
        thumbnailPath: true,
      },
    });
  }

  /** Sets the thumbnail if the media still exists; answers whether it did. */
  async setThumbnail(id: string, thumbnailPath: string): Promise<boolean> {
    const result = await this.media.update({ id }, { thumbnailPath });
    return !!result.affected;
  }

  /** Bytes and files a user keeps in the library (what quotas will be checked against). */
  async usage(ownerId: string): Promise<{ usedBytes: number; count: number }> {
    const row = await this.media
      .createQueryBuilder('media')
      .select('COALESCE(SUM(media.sizeBytes), 0)', 'total')
      .addSelect('COUNT(*)', 'count')
      .where('media.ownerId = :ownerId', { ownerId })
      .getRawOne<{ total: string; count: string }>();
    return { usedBytes: Number(row?.total ?? 0), count: Number(row?.count ?? 0) };
  }
}
