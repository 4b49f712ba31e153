import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnModuleDestroy,
} from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { PeriodicTaskDto } from '@clippyfront/shared';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { PeriodicTask } from './periodic-task.js';

/** The tasks to run (PERIODIC_TASKS in the app; a test gives its own). */
export const PERIODIC_TASK_LIST = Symbol('PERIODIC_TASK_LIST');

interface TaskState {
  task: PeriodicTask;
  everyMs: number;
  service?: unknown;
  running: Promise<void> | null;
  lastRunAt: Date | null;
  lastDurationMs: number | null;
  lastOk: boolean | null;
  lastError: string | null;
  lastErrorAt: Date | null;
}

/**
 * Runs the periodic tasks on @nestjs/schedule's SchedulerRegistry: a tick while the task's last
 * run goes on is skipped, a failure is logged and kept for Admin → System, and the timers stop
 * before the app starts closing (runs under way are waited for before anything shuts down).
 */
@Injectable()
export class PeriodicTasksService
  implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown
{
  private readonly logger = new Logger('PeriodicTasks');
  private readonly states: TaskState[];
  private stopped = false;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly registry: SchedulerRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(PERIODIC_TASK_LIST) tasks: readonly PeriodicTask[],
  ) {
    const names = new Set(tasks.map((task) => task.name));
    if (names.size !== tasks.length) throw new Error('Periodic task names must be unique');
    this.states = tasks.map((task) => ({
      task,
      everyMs: task.everyMs(config),
      running: null,
      lastRunAt: null,
      lastDurationMs: null,
      lastOk: null,
      lastError: null,
      lastErrorAt: null,
    }));
  }

  onApplicationBootstrap(): void {
    const on = this.states.filter((state) => state.everyMs > 0);
    // Every service first: a missing one fails the start before any timer runs.
    for (const state of on) {
      state.service = this.moduleRef.get(state.task.service, { strict: false });
    }
    for (const state of on) {
      const timer = setInterval(() => this.tick(state), state.everyMs);
      // Never what keeps a process alive (the HTTP server does that).
      timer.unref();
      this.registry.addInterval(state.task.name, timer);
      if (state.task.announce) this.logger.log(state.task.announce(this.config));
      if (state.task.atStart) this.tick(state);
    }
  }

  /** The first shutdown hook: no tick starts a run from here on. */
  onModuleDestroy(): void {
    this.stopped = true;
    for (const { task } of this.states) {
      if (this.registry.doesExist('interval', task.name)) this.registry.deleteInterval(task.name);
    }
  }

  /** Runs under way finish before any module shuts down what they use. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all(this.states.map((state) => state.running));
  }

  status(): PeriodicTaskDto[] {
    return this.states.map((state) => ({
      name: state.task.name,
      description: state.task.description,
      everySeconds: state.everyMs > 0 ? state.everyMs / 1000 : null,
      setting: state.task.setting ?? null,
      running: !!state.running,
      lastRunAt: state.lastRunAt?.toISOString() ?? null,
      lastDurationMs: state.lastDurationMs,
      lastOk: state.lastOk,
      lastError: state.lastError,
      lastErrorAt: state.lastErrorAt?.toISOString() ?? null,
    }));
  }

  private tick(state: TaskState): void {
    if (this.stopped || state.running) return;
    state.running = this.run(state).finally(() => (state.running = null));
  }

  /** Never rejects. */
  private async run(state: TaskState): Promise<void> {
    const startedAt = new Date();
    let error: string | null = null;
    try {
      const note = await state.task.run(state.service, this.config);
      if (note) this.logger.log(note);
    } catch (failure) {
      error = (failure as Error)?.message ?? String(failure);
      this.logger.warn(`${state.task.name} failed: ${error}`);
    }
    state.lastRunAt = startedAt;
    state.lastDurationMs = Date.now() - startedAt.getTime();
    state.lastOk = error === null;
    if (error !== null) {
      state.lastError = error;
      state.lastErrorAt = startedAt;
    }
  }
}
