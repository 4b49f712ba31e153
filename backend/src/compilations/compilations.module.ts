import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ArrangementModule } from '../arrangement/arrangement.module.js';
import { AvatarsModule } from '../avatars/avatars.module.js';
import { AdvisoryLockModule } from '../database/advisory-lock.module.js';
import { MediaEntity } from '../media/media.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { RenderTimeModule } from '../tiers/render-time.module.js';
import { WorkersModule } from '../workers/workers.module.js';
import { CompilationArtifactsController } from './compilation-artifacts.controller.js';
import { CompilationEntity } from './compilation.entity.js';
import { CompilationsController } from './compilations.controller.js';
import { CompilationsRepository } from './compilations.repository.js';
import { CompilationsService } from './compilations.service.js';
import { EmbeddedArtifactReporter } from './embedded-artifact-reporter.service.js';

/** The Compile step: `compile` jobs and the videos they make. */
@Module({})
export class CompilationsModule {
  /** Takes the app's jobs and media modules: a compile is a job whose output enters the library. */
  static register(jobsModule: DynamicModule, mediaModule: DynamicModule): DynamicModule {
    return {
      module: CompilationsModule,
      imports: [
        TypeOrmModule.forFeature([CompilationEntity, ProjectEntity, MediaEntity]),
        jobsModule,
        mediaModule,
        ArrangementModule,
        AvatarsModule,
        AdvisoryLockModule,
        RenderTimeModule,
        WorkersModule,
      ],
      controllers: [CompilationsController, CompilationArtifactsController],
      providers: [CompilationsRepository, CompilationsService, EmbeddedArtifactReporter],
      exports: [CompilationsService, EmbeddedArtifactReporter],
    };
  }
}
