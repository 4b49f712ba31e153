import { Module } from '@nestjs/common';
import { AvatarsModule } from '../avatars/avatars.module.js';
import { ClipMetadataService } from './clip-metadata.service.js';
import { TwitchRepository } from './twitch.repository.js';

/** Helix (TWITCH_CLIENT_ID/SECRET): clip metadata and creator avatars for the clips flow. */
@Module({
  imports: [AvatarsModule],
  providers: [TwitchRepository, ClipMetadataService],
  exports: [ClipMetadataService, TwitchRepository],
})
export class TwitchModule {}
