import type { AutomationRunDto, AutomationTaskDto, ScheduleDto } from '@clippyfront/shared';
import type { CompilationEntity } from '../compilations/compilation.entity.js';
import type { AutomationRunEntity } from './automation-run.entity.js';
import type { AutomationScheduleEntity } from './automation-schedule.entity.js';
import type { AutomationTaskEntity } from './automation-task.entity.js';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export function toRunDto(
  run: AutomationRunEntity,
  videoMediaId: string | null = null,
): AutomationRunDto {
  return {
    id: run.id,
    taskId: run.taskId,
    trigger: run.trigger,
    scheduleId: run.scheduleId,
    state: run.state,
    stage: run.stage,
    progress: run.progress,
    projectId: run.projectId,
    compilationId: run.compilationId,
    videoMediaId,
    skippedClips: run.skippedClips,
    error: run.error,
    scheduledFor: iso(run.scheduledFor),
    late: run.late,
    log: run.log,
    createdAt: run.createdAt.toISOString(),
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
  };
}

export const videoOf = (compilation: CompilationEntity | null) => compilation?.mediaId ?? null;

export function toScheduleDto(schedule: AutomationScheduleEntity): ScheduleDto {
  return {
    id: schedule.id,
    taskId: schedule.taskId,
    type: schedule.type,
    time: schedule.time,
    weekday: schedule.weekday,
    dayOfMonth: schedule.dayOfMonth,
    timezone: schedule.timezone,
    enabled: schedule.enabled,
    nextRunAt: iso(schedule.nextRunAt),
    lastRunAt: iso(schedule.lastRunAt),
    createdAt: schedule.createdAt.toISOString(),
    updatedAt: schedule.updatedAt.toISOString(),
  };
}

export function toTaskDto(
  task: AutomationTaskEntity,
  lastRun: AutomationRunDto | null,
  schedules: AutomationScheduleEntity[],
): AutomationTaskDto {
  const next = schedules
    .filter((schedule) => schedule.enabled && schedule.nextRunAt)
    .map((schedule) => schedule.nextRunAt!.getTime());
  return {
    id: task.id,
    name: task.name,
    source: task.source,
    introId: task.introMediaId,
    outroId: task.outroMediaId,
    transitionIds: task.transitionMediaIds,
    randomizeTransitions: task.randomizeTransitions,
    output: task.output,
    projectNameTemplate: task.projectNameTemplate,
    previousProject: task.previousProject,
    lastRun,
    nextRunAt: next.length ? new Date(Math.min(...next)).toISOString() : null,
    createdAt: task.createdAt.toISOString(),
    updatedAt: task.updatedAt.toISOString(),
  };
}
