import { type DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdvisoryLockModule } from '../database/advisory-lock.module.js';
import { WorkersModule } from '../workers/workers.module.js';
import { MediaFilesRepository } from './media-files.repository.js';
import { MediaInspector } from './media-inspector.js';
import { MediaThumbnailsService } from './media-thumbnails.service.js';
import { MediaWorkerController } from './media-worker.controller.js';
import { MediaController } from './media.controller.js';
import { MediaEntity } from './media.entity.js';
import { MediaRepository } from './media.repository.js';
import { MediaService } from './media.service.js';
import { MultipartUploadReader } from './multipart-upload.js';
import { StorageQuotaService } from './storage-quota.service.js';
import { TusUploadController } from './tus-upload.controller.js';
import { TusReservations } from './tus-reservations.js';
import { TusCreationLimiter } from './tus-creation-limiter.js';
import { TusUploadService } from './tus-upload.service.js';

@Module({})
export class MediaModule {
  /** Takes the app's jobs module: thumbnails are made by jobs. */
  static register(jobsModule: DynamicModule): DynamicModule {
    return {
      module: MediaModule,
      imports: [
        TypeOrmModule.forFeature([MediaEntity]),
        AdvisoryLockModule,
        jobsModule,
        WorkersModule,
      ],
      controllers: [MediaWorkerController, MediaController, TusUploadController],
      providers: [
        MediaRepository,
        MediaFilesRepository,
        MediaService,
        MediaThumbnailsService,
        MediaInspector,
        StorageQuotaService,
        MultipartUploadReader,
        TusReservations,
        TusCreationLimiter,
        TusUploadService,
      ],
      exports: [MediaService, MediaThumbnailsService, StorageQuotaService],
    };
  }
}
