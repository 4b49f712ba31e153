import { type DynamicModule, Module } from '@nestjs/common';
import { WorkersModule } from '../workers/workers.module.js';
import { HealthController } from './health.controller.js';
import { HealthService } from './health.service.js';

@Module({})
export class HealthModule {
  static register(jobsModule: DynamicModule): DynamicModule {
    return {
      module: HealthModule,
      imports: [jobsModule, WorkersModule],
      controllers: [HealthController],
      providers: [HealthService],
      exports: [HealthService],
    };
  }
}
