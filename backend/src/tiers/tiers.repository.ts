import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { UserEntity } from '../users/user.entity.js';
import { TierEntity } from './tier.entity.js';

export type TierFields = Omit<TierEntity, 'id' | 'createdAt' | 'updatedAt'>;

@Injectable()
export class TiersRepository {
  constructor(@InjectRepository(TierEntity) private readonly tiers: Repository<TierEntity>) {}

  findById(id: string): Promise<TierEntity | null> {
    return this.tiers.findOneBy({ id });
  }

  /** Oldest first, with how many users have each. */
  async listWithUserCounts(): Promise<{ tier: TierEntity; userCount: number }[]> {
    const { entities, raw } = await this.tiers
      .createQueryBuilder('tier')
      .addSelect(
        (sub) => sub.select('COUNT(*)').from(UserEntity, 'user').where('user.tier_id = tier.id'),
        'user_count',
      )
      .orderBy('tier.createdAt', 'ASC')
      .addOrderBy('lower(tier.name)', 'ASC')
      .getRawAndEntities<{ user_count: string }>();
    return entities.map((tier, i) => ({ tier, userCount: Number(raw[i].user_count) }));
  }

  countUsers(id: string, manager: EntityManager = this.tiers.manager): Promise<number> {
    return manager.getRepository(UserEntity).countBy({ tierId: id });
  }

  /** The tier of a user (null: none, or no such user): one query per request, never cached. */
  async tierOfUser(userId: string): Promise<TierEntity | null> {
    return this.tiers
      .createQueryBuilder('tier')
      .innerJoin(UserEntity, 'user', 'user.tier_id = tier.id')
      .where('user.id = :userId', { userId })
      .getOne();
  }

  /** What decides a user's caps and watermark: role, override and tier (unknown: a plain user). */
  async planOfUser(
    userId: string,
  ): Promise<Pick<UserEntity, 'role' | 'watermarkOverride'> & { tier: TierEntity | null }> {
    const user = await this.tiers.manager.getRepository(UserEntity).findOne({
      where: { id: userId },
      relations: { tier: true },
    });
    return {
      role: user?.role ?? 'user',
      watermarkOverride: user?.watermarkOverride ?? 'default',
      tier: user?.tier ?? null,
    };
  }

  findDefault(): Promise<TierEntity | null> {
    return this.tiers.findOneBy({ isDefault: true });
  }

  /** The tier the admin made at first start gets: the oldest active unlimited one. */
  findUnlimited(): Promise<TierEntity | null> {
    return this.tiers.findOne({
      where: { unlimited: true, active: true },
      order: { createdAt: 'ASC' },
    });
  }

  /**
   * Saves in one transaction; when the tier becomes the default, the flag leaves the others
   * first (the partial unique index allows one at a time).
   */
  save(fields: Partial<TierFields>, id?: string): Promise<TierEntity> {
    return this.tiers.manager.transaction(async (manager) => {
      const repository = manager.getRepository(TierEntity);
      if (fields.isDefault) {
        await manager.query(
          'UPDATE tiers SET is_default = false WHERE is_default AND id IS DISTINCT FROM $1',
          [id ?? null],
        );
      }
      if (id) {
        await repository.update({ id }, fields);
        return repository.findOneByOrFail({ id });
      }
      return repository.save(repository.create(fields));
    });
  }

  /** Removes the tier unless users have it; answers how many do (0: deleted). */
  delete(id: string): Promise<number> {
    return this.tiers.manager.transaction(async (manager) => {
      // The row lock makes a concurrent assignment wait (its foreign key check) or fail.
      await manager.query('SELECT id FROM tiers WHERE id = $1 FOR UPDATE', [id]);
      const users = await this.countUsers(id, manager);
      if (users === 0) await manager.getRepository(TierEntity).delete({ id });
      return users;
    });
  }
}
