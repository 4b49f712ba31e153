import { type DynamicModule, Module, type ModuleMetadata } from '@nestjs/common';
import { PERIODIC_TASKS } from './periodic-tasks.js';
import { PERIODIC_TASK_LIST, PeriodicTasksService } from './periodic-tasks.service.js';

/** The API's periodic work, all of it listed in periodic-tasks.ts. */
@Module({})
export class PeriodicModule {
  /**
   * `uses`: the modules whose services the tasks call. Imported here, they start first (Nest
   * runs an imported module's start hooks before its importer's), so no task runs into a
   * service not started yet.
   */
  static register(uses: NonNullable<ModuleMetadata['imports']>): DynamicModule {
    return {
      module: PeriodicModule,
      imports: uses,
      providers: [PeriodicTasksService, { provide: PERIODIC_TASK_LIST, useValue: PERIODIC_TASKS }],
      exports: [PeriodicTasksService],
    };
  }
}
