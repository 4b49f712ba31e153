import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { JobEntity } from '../jobs/job.entity.js';
import { RenderQuotaService } from './render-quota.service.js';
import { RenderUsageRepository } from './render-usage.repository.js';

/** Monthly render time: what compiles used (from the job table) and the check before one. */
@Module({
  imports: [TypeOrmModule.forFeature([JobEntity])],
  providers: [RenderUsageRepository, RenderQuotaService],
  exports: [RenderUsageRepository, RenderQuotaService],
})
export class RenderTimeModule {}
