import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdvisoryLockModule } from '../database/advisory-lock.module.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { TwitchModule } from '../twitch/twitch.module.js';
import { ClipEntity } from './clip.entity.js';
import { ClipMetadataFiller } from './clip-metadata-filler.service.js';
import { ClipsController } from './clips.controller.js';
import { ClipsRepository } from './clips.repository.js';
import { ClipsService } from './clips.service.js';

@Module({})
export class ClipsModule {
  /** Takes the app's jobs and media modules: clips are downloaded by jobs into the library. */
  static register(jobsModule: DynamicModule, mediaModule: DynamicModule): DynamicModule {
    return {
      module: ClipsModule,
      imports: [
        TypeOrmModule.forFeature([ClipEntity, ProjectEntity]),
        jobsModule,
        mediaModule,
        TwitchModule,
        AdvisoryLockModule,
      ],
      controllers: [ClipsController],
      providers: [ClipsRepository, ClipsService, ClipMetadataFiller],
      exports: [ClipsService, ClipsRepository],
    };
  }
}
