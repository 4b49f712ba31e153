import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, In, LessThanOrEqual, type Repository } from 'typeorm';
import { AutomationScheduleEntity } from './automation-schedule.entity.js';

export type ScheduleFields = Omit<
  AutomationScheduleEntity,
  'id' | 'task' | 'owner' | 'createdAt' | 'updatedAt'
>;

@Injectable()
export class AutomationSchedulesRepository {
  constructor(
    @InjectRepository(AutomationScheduleEntity)
    private readonly schedules: Repository<AutomationScheduleEntity>,
  ) {}

  findById(id: string): Promise<AutomationScheduleEntity | null> {
    return this.schedules.findOneBy({ id });
  }

  listForTask(taskId: string): Promise<AutomationScheduleEntity[]> {
    return this.schedules.find({ where: { taskId }, order: { createdAt: 'ASC' } });
  }

  listForTasks(taskIds: string[]): Promise<AutomationScheduleEntity[]> {
    if (!taskIds.length) return Promise.resolve([]);
    return this.schedules.find({ where: { taskId: In(taskIds) } });
  }

  countForOwner(ownerId: string): Promise<number> {
    return this.schedules.countBy({ ownerId });
  }

  create(fields: ScheduleFields): Promise<AutomationScheduleEntity> {
    return this.schedules.save(this.schedules.create(fields));
  }

  async update(id: string, changes: Partial<ScheduleFields>): Promise<AutomationScheduleEntity> {
    await this.schedules.update({ id }, changes);
    return this.schedules.findOneByOrFail({ id });
  }

  async delete(id: string): Promise<void> {
    await this.schedules.delete({ id });
  }

  /** Enabled schedules due at `now`, the longest overdue first. */
  due(now: Date, limit: number): Promise<AutomationScheduleEntity[]> {
    return this.schedules.find({
      where: { enabled: true, nextRunAt: LessThanOrEqual(now) },
      order: { nextRunAt: 'ASC' },
      take: limit,
    });
  }

  /**
   * Takes one due time of a schedule: moves `next_run_at` on to `next` (a future time) only
   * while it is still due, so of processes racing for it one wins, and starts its run in the
   * same transaction (`start`). Null: another process took it (or it was disabled meanwhile).
   */
  claim<T>(
    schedule: Pick<AutomationScheduleEntity, 'id'>,
    next: Date | null,
    start: (manager: EntityManager) => Promise<T>,
  ): Promise<T | null> {
    return this.schedules.manager.transaction(async (manager) => {
      const rows = (await manager.query(
        `UPDATE automation_schedules SET next_run_at = $1, last_run_at = now(), updated_at = now()
          WHERE id = $2 AND enabled AND next_run_at <= now() RETURNING id`,
        [next, schedule.id],
      )) as [unknown[], number] | unknown[];
      const claimed = Array.isArray(rows[0]) ? (rows[0] as unknown[]) : (rows as unknown[]);
      if (!claimed.length) return null;
      return start(manager);
    });
  }
}
