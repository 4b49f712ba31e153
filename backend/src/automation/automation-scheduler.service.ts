import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SchedulerTickDto } from '@clippyfront/shared';
import { TiersRepository } from '../tiers/tiers.repository.js';
import type { AutomationRunEntity } from './automation-run.entity.js';
import type { AutomationScheduleEntity } from './automation-schedule.entity.js';
import { AutomationRunner } from './automation-runner.service.js';
import { AutomationRunsRepository, isActiveRunConflict } from './automation-runs.repository.js';
import { AutomationSchedulesRepository } from './automation-schedules.repository.js';
import { nextRunAfter } from './schedule-next-run.js';

/** A run starting this long after its due time says it was late. */
export const LATE_AFTER_MS = 2 * 60_000;
const DUE_LIMIT = 100;

/**
 * The scheduler tick (the periodic task automation-scheduler, every AUTOMATION_TICK_SECONDS):
 * each due schedule starts one run, whichever API process ticks. The claim moves `next_run_at`
 * on from the value read (a conditional UPDATE) and creates the run in the same transaction, so
 * a due time fires exactly once. After downtime the next run is computed from now: a missed
 * time fires once, late, and the times missed in between are not made up.
 */
@Injectable()
export class AutomationSchedulerService {
  constructor(
    private readonly schedules: AutomationSchedulesRepository,
    private readonly runs: AutomationRunsRepository,
    private readonly runner: AutomationRunner,
    private readonly tiers: TiersRepository,
  ) {}

  async tick(now = new Date()): Promise<SchedulerTickDto> {
    const started: SchedulerTickDto['started'] = [];
    for (const schedule of await this.schedules.due(now, DUE_LIMIT)) {
      const dueAt = schedule.nextRunAt!;
      const next = nextRunAfter(schedule, now);
      const late = now.getTime() - dueAt.getTime() > LATE_AFTER_MS;
      // The plan may have changed since the schedule was made: the due time passes, run-less.
      const { tier } = await this.tiers.planOfUser(schedule.ownerId);
      const refused = tier?.canSchedule
        ? null
        : 'Skipped: your plan no longer includes scheduled tasks (canSchedule)';
      const run = await this.schedules.claim(schedule, next, (manager) =>
        this.startRun(manager, schedule, dueAt, now, late, refused),
      );
      if (run) started.push({ scheduleId: schedule.id, runId: run.id, late });
    }
    if (started.length) this.runner.wake();
    return { started };
  }

  /**
   * A queued run; a failed one saying why when the task is still running from before, or the
   * owner's plan no longer schedules.
   */
  private async startRun(
    manager: EntityManager,
    schedule: AutomationScheduleEntity,
    dueAt: Date,
    now: Date,
    late: boolean,
    refused: string | null,
  ): Promise<AutomationRunEntity> {
    const minutes = Math.round((now.getTime() - dueAt.getTime()) / 60_000);
    const lines = [
      `Scheduled (${schedule.type}) for ${dueAt.toISOString()}, started ${now.toISOString()}` +
        (late
          ? `: ${minutes} minute(s) late (the API was down or the scheduler off); ` +
            'missed times in between are not made up'
          : ''),
    ];
    const base = {
      taskId: schedule.taskId,
      ownerId: schedule.ownerId,
      trigger: 'schedule' as const,
      scheduleId: schedule.id,
      scheduledFor: dueAt,
      late,
    };
    if (refused) {
      return this.runs.create(
        { ...base, state: 'failed', error: refused, finishedAt: now, log: [...lines, refused] },
        manager,
      );
    }
    await manager.query('SAVEPOINT start_run');
    try {
      return await this.runs.create({ ...base, log: lines }, manager);
    } catch (error) {
      if (!isActiveRunConflict(error)) throw error;
      await manager.query('ROLLBACK TO SAVEPOINT start_run');
      const why = 'Skipped: the previous run of this task was still going';
      return this.runs.create(
        { ...base, state: 'failed', error: why, finishedAt: now, log: [...lines, why] },
        manager,
      );
    }
  }
}
