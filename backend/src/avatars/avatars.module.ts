import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ClipEntity } from '../clips/clip.entity.js';
import { WorkersModule } from '../workers/workers.module.js';
import { AvatarsWorkerController } from './avatars-worker.controller.js';
import { AvatarsController } from './avatars.controller.js';
import { AvatarsRepository } from './avatars.repository.js';
import { AvatarsService } from './avatars.service.js';
import { CLIP_AVATAR_LOOKUP } from './clip-avatar-lookup.js';
import { ClipAvatarsRepository } from './clip-avatars.repository.js';

/** Creator avatars under AVATARS_PATH, and the endpoints serving a clip's avatar. */
@Module({
  imports: [TypeOrmModule.forFeature([ClipEntity]), WorkersModule],
  controllers: [AvatarsWorkerController, AvatarsController],
  providers: [
    AvatarsRepository,
    AvatarsService,
    ClipAvatarsRepository,
    { provide: CLIP_AVATAR_LOOKUP, useExisting: ClipAvatarsRepository },
  ],
  exports: [AvatarsService, AvatarsRepository],
})
export class AvatarsModule {}
