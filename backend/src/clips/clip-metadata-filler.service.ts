import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ClipMetadataService } from '../twitch/clip-metadata.service.js';
import type { ClipEntity } from './clip.entity.js';
import { ClipsRepository } from './clips.repository.js';

/** https://clips.twitch.tv/<slug>, the normalized form of every Twitch clip URL. */
export function twitchSlugOf(normalizedUrl: string): string | null {
  const match = /^https:\/\/clips\.twitch\.tv\/([A-Za-z0-9_-]+)$/.exec(normalizedUrl);
  return match?.[1] ?? null;
}

/**
 * Fills new Twitch clips' title, creator, game, … and creator avatar from Helix, after the
 * request that added them has been answered: the clip list shows them when they arrive, and a
 * slow or failing Twitch never holds up adding clips or their downloads.
 */
@Injectable()
export class ClipMetadataFiller implements OnApplicationShutdown {
  private readonly logger = new Logger(ClipMetadataFiller.name);
  private readonly pending = new Set<Promise<void>>();

  constructor(
    private readonly clips: ClipsRepository,
    private readonly twitch: ClipMetadataService,
  ) {}

  fill(clips: readonly ClipEntity[]): void {
    const wanted = clips.filter((clip) => clip.source === 'twitch' && !clip.title);
    if (!wanted.length || !this.twitch.enabled) return;
    const task = this.fillEach(wanted).finally(() => this.pending.delete(task));
    this.pending.add(task);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.pending]);
  }

  private async fillEach(clips: readonly ClipEntity[]): Promise<void> {
    for (const clip of clips) {
      const slug = twitchSlugOf(clip.normalizedUrl);
      if (!slug) continue;
      try {
        const { metadata, avatarPath } = await this.twitch.forTwitchSlug(slug);
        if (metadata || avatarPath) await this.clips.setMetadata(clip.id, metadata, avatarPath);
      } catch (error) {
        this.logger.warn(
          `Twitch metadata of clip ${clip.id} (${slug}): ${(error as Error).message}`,
        );
      }
    }
  }
}
