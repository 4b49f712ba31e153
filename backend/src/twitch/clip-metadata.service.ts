import { Injectable, Logger } from '@nestjs/common';
import type { ClipMetadataDto } from '@clippyfront/shared';
import { AvatarsService } from '../avatars/avatars.service.js';
import { TwitchRepository, type TwitchClip } from './twitch.repository.js';

export interface TwitchClipMetadata {
  /** null when Twitch is not configured or does not know the clip. */
  metadata: ClipMetadataDto | null;
  /** Canonical path of the creator's avatar (for clips.avatar_path), or null. */
  avatarPath: string | null;
}

const NOTHING: TwitchClipMetadata = { metadata: null, avatarPath: null };

/** Clip metadata and creator avatar from Helix, for the clips flow. */
@Injectable()
export class ClipMetadataService {
  private readonly logger = new Logger(ClipMetadataService.name);

  constructor(
    private readonly twitch: TwitchRepository,
    private readonly avatars: AvatarsService,
  ) {}

  get enabled(): boolean {
    return this.twitch.enabled;
  }

  /**
   * Throws TwitchError when Twitch itself fails (unreachable, 5xx, bad credentials): callers
   * log it and go on without metadata. A missing game name or avatar never fails the call.
   */
  async forTwitchSlug(slug: string): Promise<TwitchClipMetadata> {
    if (!this.twitch.enabled) return NOTHING;
    const clip = await this.twitch.getClip(slug);
    if (!clip) return NOTHING;
    const [gameName, avatarPath] = await Promise.all([this.gameName(clip), this.avatar(clip)]);
    return {
      metadata: {
        title: clip.title || null,
        creatorName: clip.creatorName || null,
        creatorId: clip.creatorId || null,
        broadcasterName: clip.broadcasterName || null,
        gameName,
        durationSeconds: clip.durationSeconds || null,
        viewCount: clip.viewCount,
        clipCreatedAt: clip.createdAt || null,
      },
      avatarPath,
    };
  }

  private async gameName(clip: TwitchClip): Promise<string | null> {
    if (!clip.gameId) return null;
    try {
      return await this.twitch.getGame(clip.gameId);
    } catch (error) {
      this.logger.warn(`Game ${clip.gameId} of clip ${clip.id}: ${(error as Error).message}`);
      return null;
    }
  }

  private async avatar(clip: TwitchClip): Promise<string | null> {
    if (!clip.creatorId || !clip.creatorName) return null;
    try {
      const recent = await this.avatars.recentAvatar(clip.creatorName);
      if (recent) return recent;
      const user = await this.twitch.getUser(clip.creatorId);
      if (!user?.profileImageUrl) return null;
      return await this.avatars.fetchAvatar(clip.creatorName, user.profileImageUrl);
    } catch (error) {
      this.logger.warn(`Avatar of "${clip.creatorName}": ${(error as Error).message}`);
      return null;
    }
  }
}
