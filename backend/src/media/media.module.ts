import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { WorkerKeyGuard } from '../worker-api/worker-key.guard.js';
import { MediaFilesRepository } from './media-files.repository.js';
import { MediaController, MediaRawController } from './media.controller.js';
import { MediaEntity } from './media.entity.js';
import { MediaRepository } from './media.repository.js';
import { MediaService } from './media.service.js';
import { MultipartUploadReader } from './multipart-upload.js';

@Module({
  imports: [TypeOrmModule.forFeature([MediaEntity])],
  controllers: [MediaRawController, MediaController],
  providers: [
    MediaRepository,
    MediaFilesRepository,
    MediaService,
    MultipartUploadReader,
    WorkerKeyGuard,
  ],
  exports: [MediaService],
})
export class MediaModule {}
