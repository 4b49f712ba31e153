import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobEntity } from '../jobs/job.entity.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { AdminJobsController } from './admin-jobs.controller.js';
import { AdminProjectsController } from './admin-projects.controller.js';
import { AdminProjectsRepository } from './admin-projects.repository.js';
import { AdminSystemController } from './admin-system.controller.js';
import { AdminSystemService } from './admin-system.service.js';
import { AdminWorkersController } from './admin-workers.controller.js';
import { WorkersModule } from '../workers/workers.module.js';

/** Admin → System, Jobs (bulk), Projects and Workers; Admin → Users lives with accounts (AuthModule). */
@Module({})
export class AdminModule {
  static register(
    health: DynamicModule,
    jobsModule: DynamicModule,
    projectsModule: DynamicModule,
    periodicModule: DynamicModule,
  ): DynamicModule {
    return {
      module: AdminModule,
      imports: [
        TypeOrmModule.forFeature([JobEntity]),
        health,
        jobsModule,
        projectsModule,
        WorkersModule,
        periodicModule,
      ],
      controllers: [
        AdminSystemController,
        AdminJobsController,
        AdminProjectsController,
        AdminWorkersController,
      ],
      providers: [JobsRepository, AdminSystemService, AdminProjectsRepository],
    };
  }
}
