import type { Type } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.js';

/** One piece of work the API does on a timer; listed in periodic-tasks.ts. */
export interface PeriodicTask<T = unknown> {
  /** Unique; also its name in @nestjs/schedule's SchedulerRegistry. */
  name: string;
  /** What it does, for Admin → System. */
  description: string;
  /** The provider whose method it calls, found anywhere in the app. */
  service: Type<T>;
  /** Milliseconds between runs; 0: off (its setting turns it off). */
  everyMs(config: AppConfig): number;
  /** The environment setting the interval comes from; absent for a fixed one. */
  setting?: string;
  /** A line logged when the app starts with the task on (e.g. what it works on). */
  announce?(config: AppConfig): string;
  /** Also runs once when the app starts, as well as every interval. */
  atStart?: boolean;
  /** The work; a string answered is logged (a summary of what it did). */
  run(service: T, config: AppConfig): Promise<string | void>;
}

/** A task with its service's type checked against its `run`. */
export function periodicTask<T>(task: PeriodicTask<T>): PeriodicTask {
  return task as PeriodicTask;
}
