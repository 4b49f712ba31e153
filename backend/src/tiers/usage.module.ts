import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobEntity } from '../jobs/job.entity.js';
import { RenderUsageRepository } from './render-usage.repository.js';
import { UsageController } from './usage.controller.js';
import { UsageService } from './usage.service.js';

/** `GET /api/auth/me/usage`. */
@Module({})
export class UsageModule {
  /** Takes the app's media module: storage figures come from its quota service. */
  static register(mediaModule: DynamicModule): DynamicModule {
    return {
      module: UsageModule,
      imports: [TypeOrmModule.forFeature([JobEntity]), mediaModule],
      controllers: [UsageController],
      providers: [RenderUsageRepository, UsageService],
    };
  }
}
