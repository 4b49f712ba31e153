import { BadRequestException, ForbiddenException, Injectable } from '@nestjs/common';
import { SCHEDULE_TYPES, type ScheduleDto } from '@clippyfront/shared';
import { notFoundUnlessOwned, type OwnerScope } from '../common/ownership.js';
import { AdvisoryLock } from '../database/advisory-lock.service.js';
import { TiersRepository } from '../tiers/tiers.repository.js';
import { toScheduleDto } from './automation-dto.js';
import type { AutomationScheduleEntity } from './automation-schedule.entity.js';
import {
  AutomationSchedulesRepository,
  type ScheduleFields,
} from './automation-schedules.repository.js';
import { AutomationTasksService } from './automation-tasks.service.js';
import type { CreateScheduleBody, UpdateScheduleBody } from './automation.dto.js';
import {
  isKnownTimezone,
  nextRunAfter,
  parseTime,
  type ScheduleRule,
} from './schedule-next-run.js';

type Rule = Pick<ScheduleFields, 'type' | 'time' | 'weekday' | 'dayOfMonth' | 'timezone'>;

/** The fields a type uses, checked; the others cleared. 400 naming the field otherwise. */
export function checkRule(rule: Rule): Rule {
  if (rule.type === 'once') {
    throw new BadRequestException(
      `type: one-time ("once") schedules can no longer be created; use one of ${SCHEDULE_TYPES.join(', ')}`,
    );
  }
  if (!(SCHEDULE_TYPES as readonly string[]).includes(rule.type)) {
    throw new BadRequestException(`type must be one of ${SCHEDULE_TYPES.join(', ')}`);
  }
  if (!parseTime(rule.time)) throw new BadRequestException('time must be HH:MM (00:00 to 23:59)');
  if (!isKnownTimezone(rule.timezone)) {
    throw new BadRequestException(
      `timezone: "${rule.timezone}" is not a known IANA time zone (e.g. Europe/Berlin, UTC)`,
    );
  }
  if (rule.type === 'weekly' && rule.weekday === null) {
    throw new BadRequestException('weekday is required for a weekly schedule (0 = Sunday … 6)');
  }
  if (rule.type === 'monthly' && rule.dayOfMonth === null) {
    throw new BadRequestException('dayOfMonth is required for a monthly schedule (1-31)');
  }
  return {
    ...rule,
    weekday: rule.type === 'weekly' ? rule.weekday : null,
    dayOfMonth: rule.type === 'monthly' ? rule.dayOfMonth : null,
  };
}

/** A task's schedules: tier-gated (canSchedule, maxSchedulesPerUser), next run kept current. */
@Injectable()
export class AutomationSchedulesService {
  constructor(
    private readonly schedules: AutomationSchedulesRepository,
    private readonly tasks: AutomationTasksService,
    private readonly tiers: TiersRepository,
    private readonly lock: AdvisoryLock,
  ) {}

  async list(taskId: string, scope: OwnerScope): Promise<ScheduleDto[]> {
    const task = await this.tasks.owned(taskId, scope);
    return (await this.schedules.listForTask(task.id)).map(toScheduleDto);
  }

  async create(taskId: string, scope: OwnerScope, body: CreateScheduleBody): Promise<ScheduleDto> {
    const task = await this.tasks.owned(taskId, scope);
    const rule = checkRule({
      type: body.type,
      time: body.time,
      weekday: body.weekday ?? null,
      dayOfMonth: body.dayOfMonth ?? null,
      timezone: body.timezone ?? 'UTC',
    });
    const enabled = body.enabled ?? true;
    // One owner's schedule changes one at a time (API processes too): the count holds.
    return this.lock.run(`schedules:${task.ownerId}`, async () => {
      await this.assertAllowed(task.ownerId, 1);
      const schedule = await this.schedules.create({
        taskId: task.id,
        ownerId: task.ownerId,
        ...rule,
        runAt: null,
        enabled,
        nextRunAt: enabled ? nextRunAfter(rule as ScheduleRule, new Date()) : null,
        lastRunAt: null,
      });
      return toScheduleDto(schedule);
    });
  }

  /** Any field; the next run is computed again from now. Legacy `once` rows can only be toggled off or deleted. */
  async update(id: string, scope: OwnerScope, body: UpdateScheduleBody): Promise<ScheduleDto> {
    const schedule = await this.owned(id, scope);
    const ruleChanged = ['type', 'time', 'weekday', 'dayOfMonth', 'timezone'].some(
      (field) => body[field as keyof UpdateScheduleBody] !== undefined,
    );
    const rule =
      ruleChanged || schedule.type !== 'once'
        ? checkRule({
            type: body.type ?? schedule.type,
            time: body.time ?? schedule.time,
            weekday: body.weekday !== undefined ? body.weekday : schedule.weekday,
            dayOfMonth: body.dayOfMonth !== undefined ? body.dayOfMonth : schedule.dayOfMonth,
            timezone: body.timezone ?? schedule.timezone,
          })
        : null;
    const enabled = body.enabled ?? schedule.enabled;
    if (enabled && !schedule.enabled) await this.assertAllowed(schedule.ownerId, 0);
    const saved = await this.schedules.update(schedule.id, {
      ...(rule ?? {}),
      enabled,
      nextRunAt:
        enabled && rule
          ? nextRunAfter(rule as ScheduleRule, new Date())
          : enabled
            ? schedule.nextRunAt
            : null,
    });
    return toScheduleDto(saved);
  }

  setEnabled(id: string, scope: OwnerScope, enabled: boolean): Promise<ScheduleDto> {
    return this.update(id, scope, { enabled });
  }

  async delete(id: string, scope: OwnerScope): Promise<void> {
    const schedule = await this.owned(id, scope);
    await this.schedules.delete(schedule.id);
  }

  /**
   * 403 naming the limit when the owner's tier does not schedule, or (`adding` > 0) when the new
   * schedules would pass maxSchedulesPerUser.
   */
  private async assertAllowed(ownerId: string, adding: number): Promise<void> {
    const { tier } = await this.tiers.planOfUser(ownerId);
    if (!tier?.canSchedule) {
      throw new ForbiddenException({
        message: `canSchedule: your plan${tier ? ` (${tier.name})` : ''} does not include scheduled tasks`,
        limit: 'canSchedule',
      });
    }
    if (!adding) return;
    const count = await this.schedules.countForOwner(ownerId);
    if (count + adding > tier.maxSchedulesPerUser) {
      throw new ForbiddenException({
        message:
          `maxSchedulesPerUser: your plan (${tier.name}) allows ${tier.maxSchedulesPerUser} ` +
          `schedule(s); you have ${count}`,
        limit: 'maxSchedulesPerUser',
        maxSchedulesPerUser: tier.maxSchedulesPerUser,
        count,
      });
    }
  }

  private async owned(id: string, scope: OwnerScope): Promise<AutomationScheduleEntity> {
    return notFoundUnlessOwned(await this.schedules.findById(id), scope, 'Schedule');
  }
}
