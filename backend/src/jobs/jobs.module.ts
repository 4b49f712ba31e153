import { BullModule } from '@nestjs/bull';
import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LEGACY_GENERAL_QUEUE, QUEUE_NAMES } from '@clippyfront/shared';
import { WorkersModule } from '../workers/workers.module.js';
import { BullJobDispatcher } from './bull-job.dispatcher.js';
import { InProcessJobDispatcher } from './in-process-job.dispatcher.js';
import { InProcessMediaAccess } from './in-process-media-access.js';
import { JOB_DISPATCHER } from './job-dispatcher.js';
import { JobEntity } from './job.entity.js';
import { JobCaps } from './job-caps.service.js';
import { JobOutputs } from './job-outputs.js';
import { JobQueueService } from './job-queue.service.js';
import { JobsController } from './jobs.controller.js';
import { JobsRepository } from './jobs.repository.js';
import { JobsService } from './jobs.service.js';

@Module({})
export class JobsModule {
  /** With Redis, Bull queues and remote workers; without it, jobs run in this process. */
  static forRoot(options: { redis: boolean }): DynamicModule {
    return {
      module: JobsModule,
      imports: [
        TypeOrmModule.forFeature([JobEntity]),
        WorkersModule,
        ...(options.redis
          ? [
              BullModule.registerQueue(
                ...[...QUEUE_NAMES, LEGACY_GENERAL_QUEUE].map((name) => ({ name })),
              ),
            ]
          : []),
      ],
      controllers: [JobsController],
      providers: [
        JobsRepository,
        JobsService,
        JobQueueService,
        JobCaps,
        InProcessMediaAccess,
        JobOutputs,
        options.redis ? BullJobDispatcher : InProcessJobDispatcher,
        {
          provide: JOB_DISPATCHER,
          useExisting: options.redis ? BullJobDispatcher : InProcessJobDispatcher,
        },
      ],
      exports: [JobsService, JobQueueService, JOB_DISPATCHER, InProcessMediaAccess, JobOutputs],
    };
  }
}
