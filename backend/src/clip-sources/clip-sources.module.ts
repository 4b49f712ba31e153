import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { TwitchModule } from '../twitch/twitch.module.js';
import { ClipSourcesController } from './clip-sources.controller.js';
import { ClipSourcesService } from './clip-sources.service.js';
import { DiscordRepository } from './discord.repository.js';

/** Fetch from Twitch / Discord: clips a user can pick, for the Clips step and automation. */
@Module({
  imports: [TwitchModule, AuthModule],
  controllers: [ClipSourcesController],
  providers: [ClipSourcesService, DiscordRepository],
  exports: [ClipSourcesService],
})
export class ClipSourcesModule {}
