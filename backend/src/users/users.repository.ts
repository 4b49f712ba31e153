import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { UserEntity } from './user.entity.js';

/** Any constant; names the advisory lock around last-admin checks. */
const ADMIN_LOCK_KEY = 0x636c6970;

export interface UserSearch {
  search?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(UserEntity) private readonly users: Repository<UserEntity>) {}

  findById(id: string): Promise<UserEntity | null> {
    return this.users.findOneBy({ id });
  }

  /** By username or email, case-insensitively, with the password hash. */
  findByLoginWithHash(login: string): Promise<UserEntity | null> {
    return this.users
      .createQueryBuilder('user')
      .addSelect('user.passwordHash')
      .where('lower(user.username) = lower(:login) OR lower(user.email) = lower(:login)', { login })
      .getOne();
  }

  async passwordHashOf(id: string): Promise<string | null> {
    const row = await this.users
      .createQueryBuilder('user')
      .select('user.passwordHash', 'hash')
      .where('user.id = :id', { id })
      .getRawOne<{ hash: string }>();
    return row?.hash ?? null;
  }

  /** Which of username/email another user already has. */
  async taken(
    username: string | undefined,
    email: string | undefined,
    exceptId?: string,
  ): Promise<{ username: boolean; email: boolean }> {
    const query = this.users
      .createQueryBuilder('user')
      .select(['user.username', 'user.email'])
      .where('(lower(user.username) = lower(:username) OR lower(user.email) = lower(:email))', {
        username: username ?? '',
        email: email ?? '',
      });
    if (exceptId) query.andWhere('user.id <> :exceptId', { exceptId });
    const rows = await query.getMany();
    const lower = (v: string | undefined) => v?.toLowerCase();
    return {
      username: !!username && rows.some((r) => lower(r.username) === lower(username)),
      email: !!email && rows.some((r) => lower(r.email) === lower(email)),
    };
  }

  /** Without a `tierId` the user gets the default tier (the API and the admin CLI alike). */
  async create(input: Partial<UserEntity> & { passwordHash: string }): Promise<UserEntity> {
    const tierId = input.tierId !== undefined ? input.tierId : await this.defaultTierId();
    return this.users.save(this.users.create({ ...input, tierId }));
  }

  private async defaultTierId(): Promise<string | null> {
    const rows = (await this.users.query('SELECT id FROM tiers WHERE is_default LIMIT 1')) as {
      id: string;
    }[];
    return rows[0]?.id ?? null;
  }

  async update(id: string, changes: Partial<UserEntity>): Promise<void> {
    await this.users.update({ id }, changes);
  }

  async delete(id: string): Promise<void> {
    await this.users.delete({ id });
  }

  count(): Promise<number> {
    return this.users.count();
  }

  /**
   * Runs `work` in a transaction holding a lock that every admin-count check takes, so two
   * admins demoting each other at once cannot leave no admin at all.
   */
  withAdminLock<T>(work: (users: UsersRepository) => Promise<T>): Promise<T> {
    return this.users.manager.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [ADMIN_LOCK_KEY]);
      return work(new UsersRepository(manager.getRepository(UserEntity)));
    });
  }

  countActiveAdmins(): Promise<number> {
    return this.users.countBy({ role: 'admin', isActive: true });
  }

  search(query: UserSearch): Promise<[UserEntity[], number]> {
    const builder = this.users
      .createQueryBuilder('user')
      .orderBy('lower(user.username)', 'ASC')
      .take(query.limit)
      .skip(query.offset);
    if (query.search) {
      const pattern = `%${query.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      builder.where(
        'user.username ILIKE :pattern OR user.email ILIKE :pattern OR user.displayName ILIKE :pattern',
        { pattern },
      );
    }
    return builder.getManyAndCount();
  }
}
