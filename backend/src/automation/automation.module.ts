import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArrangementModule } from '../arrangement/arrangement.module.js';
import { ClipSourcesModule } from '../clip-sources/clip-sources.module.js';
import { ClipSourcesService } from '../clip-sources/clip-sources.service.js';
import { CompilationEntity } from '../compilations/compilation.entity.js';
import { AdvisoryLockModule } from '../database/advisory-lock.module.js';
import { MediaEntity } from '../media/media.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { AutomationRunEntity } from './automation-run.entity.js';
import { AutomationRunner } from './automation-runner.service.js';
import { AutomationRunsController } from './automation-runs.controller.js';
import { AutomationRunsRepository } from './automation-runs.repository.js';
import { AutomationRunsService } from './automation-runs.service.js';
import { AutomationScheduleEntity } from './automation-schedule.entity.js';
import { AutomationSchedulerService } from './automation-scheduler.service.js';
import { AutomationSchedulesController } from './automation-schedules.controller.js';
import { AutomationSchedulesRepository } from './automation-schedules.repository.js';
import { AutomationSchedulesService } from './automation-schedules.service.js';
import { AutomationTaskEntity } from './automation-task.entity.js';
import { AutomationTasksController } from './automation-tasks.controller.js';
import { AutomationTasksRepository } from './automation-tasks.repository.js';
import { AutomationTasksService } from './automation-tasks.service.js';
import { CLIP_FINDER } from './clip-finder.js';
import { RunStagesService } from './run-stages.service.js';

/** Saved tasks, their runs (a chain driven by the API) and schedules (the scheduler tick). */
@Module({})
export class AutomationModule {
  /** Takes the app's modules a run goes through: jobs, clips, projects and compilations. */
  static register(modules: {
    jobs: DynamicModule;
    clips: DynamicModule;
    projects: DynamicModule;
    compilations: DynamicModule;
  }): DynamicModule {
    return {
      module: AutomationModule,
      imports: [
        TypeOrmModule.forFeature([
          AutomationTaskEntity,
          AutomationScheduleEntity,
          AutomationRunEntity,
          MediaEntity,
          UserEntity,
          ProjectEntity,
          CompilationEntity,
        ]),
        modules.jobs,
        modules.clips,
        modules.projects,
        modules.compilations,
        ArrangementModule,
        AdvisoryLockModule,
        ClipSourcesModule,
      ],
      controllers: [
        AutomationTasksController,
        AutomationRunsController,
        AutomationSchedulesController,
      ],
      providers: [
        AutomationTasksRepository,
        AutomationSchedulesRepository,
        AutomationRunsRepository,
        AutomationTasksService,
        AutomationSchedulesService,
        AutomationRunsService,
        AutomationRunner,
        AutomationSchedulerService,
        RunStagesService,
        { provide: CLIP_FINDER, useExisting: ClipSourcesService },
      ],
    };
  }
}
