import { Module } from '@nestjs/common';
import { PERIODIC_TASKS } from './periodic-tasks.js';
import { PERIODIC_TASK_LIST, PeriodicTasksService } from './periodic-tasks.service.js';

/** The API's periodic work, all of it listed in periodic-tasks.ts. */
@Module({
  providers: [PeriodicTasksService, { provide: PERIODIC_TASK_LIST, useValue: PERIODIC_TASKS }],
  exports: [PeriodicTasksService],
})
export class PeriodicModule {}
