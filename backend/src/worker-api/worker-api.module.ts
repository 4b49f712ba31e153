import { type DynamicModule, Module } from '@nestjs/common';
import { WorkersModule } from '../workers/workers.module.js';
import { WorkerApiController } from './worker-api.controller.js';
import { WorkerRegistrationController } from './worker-registration.controller.js';
import { WorkerUploadsController } from './worker-uploads.controller.js';
import { WorkerUploadsService } from './worker-uploads.service.js';

@Module({})
export class WorkerApiModule {
  static register(jobsModule: DynamicModule): DynamicModule {
    return {
      module: WorkerApiModule,
      imports: [jobsModule, WorkersModule],
      controllers: [WorkerRegistrationController, WorkerApiController, WorkerUploadsController],
      providers: [WorkerUploadsService],
    };
  }
}
