import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { ThemeEntity } from './theme.entity.js';

export type ThemeFields = Omit<ThemeEntity, 'id' | 'createdAt' | 'updatedAt' | 'active'>;

@Injectable()
export class ThemesRepository {
  constructor(@InjectRepository(ThemeEntity) private readonly themes: Repository<ThemeEntity>) {}

  findById(id: string): Promise<ThemeEntity | null> {
    return this.themes.findOneBy({ id });
  }

  findActive(): Promise<ThemeEntity | null> {
    return this.themes.findOneBy({ active: true });
  }

  /** Oldest first. */
  list(): Promise<ThemeEntity[]> {
    return this.themes
      .createQueryBuilder('theme')
      .orderBy('theme.createdAt', 'ASC')
      .addOrderBy('lower(theme.name)', 'ASC')
      .getMany();
  }

  /** Names taken, lower-cased, among those starting with `prefix` (for a copy's free name). */
  async namesLike(prefix: string): Promise<Set<string>> {
    const rows = await this.themes
      .createQueryBuilder('theme')
      .select('lower(theme.name)', 'name')
      .where("lower(theme.name) LIKE lower(:prefix) || '%' ESCAPE '\\'", {
        prefix: prefix.replace(/[\\%_]/g, (c) => `\\${c}`),
      })
      .getRawMany<{ name: string }>();
    return new Set(rows.map((r) => r.name));
  }

  async create(fields: ThemeFields): Promise<ThemeEntity> {
    return this.themes.save(this.themes.create({ ...fields, active: false }));
  }

  async update(id: string, fields: Partial<ThemeFields>): Promise<ThemeEntity> {
    if (Object.keys(fields).length) await this.themes.update({ id }, fields);
    return this.themes.findOneByOrFail({ id });
  }

  /**
   * Makes the theme the only active one. The table lock (other writers wait, readers don't)
   * orders concurrent activations, so each sees the one before it committed: exactly one stays
   * active. Answers false when there is no such theme.
   */
  activate(id: string): Promise<boolean> {
    return this.locked(async (manager) => {
      const [exists] = await manager.query<unknown[]>('SELECT 1 FROM themes WHERE id = $1', [id]);
      if (!exists) return false;
      await manager.query('UPDATE themes SET active = false WHERE active AND id <> $1', [id]);
      await manager.query(
        'UPDATE themes SET active = true, updated_at = now() WHERE id = $1 AND NOT active',
        [id],
      );
      return true;
    });
  }

  /** Deletes the theme unless it is active: 'deleted', 'active' or 'missing'. */
  delete(id: string): Promise<'deleted' | 'active' | 'missing'> {
    return this.locked(async (manager) => {
      const [row] = await manager.query<{ active: boolean }[]>(
        'SELECT active FROM themes WHERE id = $1',
        [id],
      );
      if (!row) return 'missing';
      if (row.active) return 'active';
      await manager.query('DELETE FROM themes WHERE id = $1', [id]);
      return 'deleted';
    });
  }

  private locked<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.themes.manager.transaction(async (manager) => {
      await manager.query('LOCK TABLE themes IN SHARE ROW EXCLUSIVE MODE');
      return work(manager);
    });
  }
}
