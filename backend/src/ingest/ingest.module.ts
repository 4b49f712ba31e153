import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdvisoryLockModule } from '../database/advisory-lock.module.js';
import { MediaEntity } from '../media/media.entity.js';
import { ProjectEntity } from '../projects/project.entity.js';
import { UserEntity } from '../users/user.entity.js';
import { IngestFilesRepository } from './ingest-files.repository.js';
import { IngestImportEntity } from './ingest-import.entity.js';
import { IngestController } from './ingest.controller.js';
import { IngestRepository } from './ingest.repository.js';
import { IngestService } from './ingest.service.js';

/** Admin → Ingest and the periodic import of artifacts pushed to INGEST_ROOT. */
@Module({})
export class IngestModule {
  /** Takes the app's media module: imports go through the library's upload path. */
  static register(mediaModule: DynamicModule): DynamicModule {
    return {
      module: IngestModule,
      imports: [
        TypeOrmModule.forFeature([IngestImportEntity, UserEntity, ProjectEntity, MediaEntity]),
        AdvisoryLockModule,
        mediaModule,
      ],
      controllers: [IngestController],
      providers: [IngestRepository, IngestFilesRepository, IngestService],
    };
  }
}
