import {
  BadGatewayException,
  BadRequestException,
  HttpException,
  Inject,
  Injectable,
  NotFoundException,
  ServiceUnavailableException,
} from '@nestjs/common';
import type {
  DiscordClipsPage,
  DiscordMessagesQuery,
  FoundClipDto,
  TwitchClipsPage,
  TwitchClipsQuery,
} from '@clippyfront/shared';
import { evaluateClipUrl } from '../clips/clip-url-policy.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { TwitchError, TwitchRepository, type TwitchClip } from '../twitch/twitch.repository.js';
import { findClipLinks } from './discord-clip-links.js';
import { DiscordError, DiscordRepository } from './discord.repository.js';

export const TWITCH_PAGE_DEFAULT = 20;
export const DISCORD_LIMIT_DEFAULT = 50;
const SNOWFLAKE = /^\d{1,20}$/;

/**
 * Clips a user can pick from: a Twitch broadcaster's clips (Helix) and the clip links in a
 * Discord channel. Used by the Clips step's Fetch panels and by automation. Failures are
 * HttpExceptions with a message: 4xx for the caller's input, 502/503 for the outside service.
 */
@Injectable()
export class ClipSourcesService {
  constructor(
    private readonly twitch: TwitchRepository,
    private readonly discord: DiscordRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * One page of Helix clips (Helix ranks a period's clips by views and pages through them in
   * that order). `sort: 'newest'` orders the page by date; `views` keeps Twitch's order.
   */
  async twitchClips(query: TwitchClipsQuery & { username: string }): Promise<TwitchClipsPage> {
    if (!this.twitch.enabled) {
      throw new ServiceUnavailableException(
        'Twitch is not configured on this server: set TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET',
      );
    }
    const first = query.first ?? TWITCH_PAGE_DEFAULT;
    if (!Number.isInteger(first) || first < 1 || first > 100) {
      throw new BadRequestException('first must be a whole number from 1 to 100');
    }
    const startedAt = isoTime(query.startedAt, 'startedAt');
    const endedAt = isoTime(query.endedAt, 'endedAt');
    if (startedAt && endedAt && endedAt <= startedAt) {
      throw new BadRequestException('endedAt must be later than startedAt');
    }
    const username = query.username.trim();
    const page = await this.callTwitch(async () => {
      const user = await this.twitch.getUserByLogin(username);
      if (!user) throw new NotFoundException(`Twitch has no broadcaster "${username}"`);
      const clips = await this.twitch.getBroadcasterClips({
        broadcasterId: user.id,
        first,
        startedAt,
        endedAt,
        after: query.after || undefined,
      });
      return { user, clips };
    });
    const clips = page.clips.clips.map((clip) => this.foundTwitchClip(clip));
    const found = clips.filter((clip): clip is FoundClipDto => clip !== null);
    if ((query.sort ?? 'newest') === 'newest') {
      found.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt));
    } else {
      found.sort((a, b) => (b.viewCount ?? 0) - (a.viewCount ?? 0));
    }
    return {
      broadcaster: {
        login: page.user.login,
        displayName: page.user.displayName || page.user.login,
      },
      clips: found,
      cursor: page.clips.cursor,
    };
  }

  /** The clip links in up to `limit` messages of a channel, newest message first. */
  async discordClips(query: DiscordMessagesQuery): Promise<DiscordClipsPage> {
    if (!this.discord.enabled) {
      throw new ServiceUnavailableException(
        'Discord is not configured on this server: set DISCORD_BOT_TOKEN',
      );
    }
    const limit = query.limit ?? DISCORD_LIMIT_DEFAULT;
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      throw new BadRequestException('limit must be a whole number from 1 to 100');
    }
    if (!SNOWFLAKE.test(query.channelId ?? '')) {
      throw new BadRequestException('channelId must be a numeric Discord channel id');
    }
    if (query.before !== undefined && !SNOWFLAKE.test(query.before)) {
      throw new BadRequestException('before must be a numeric Discord message id');
    }
    let messages;
    try {
      messages = await this.discord.channelMessages({
        channelId: query.channelId,
        limit,
        before: query.before,
      });
    } catch (error) {
      throw discordFailure(error);
    }
    const oldest = messages.at(-1);
    return {
      clips: findClipLinks(messages, this.config.clipUrls),
      before: messages.length === limit && oldest ? oldest.id : null,
    };
  }

  private foundTwitchClip(clip: TwitchClip): FoundClipDto | null {
    const verdict = evaluateClipUrl(`https://clips.twitch.tv/${clip.id}`, this.config.clipUrls);
    if (!verdict.accepted) return null;
    return {
      source: 'twitch',
      url: verdict.sourceUrl,
      title: clip.title || clip.id,
      creatorName: clip.creatorName || null,
      viewCount: clip.viewCount,
      createdAt: clip.createdAt,
      thumbnailUrl: clip.thumbnailUrl || null,
      durationSeconds: clip.durationSeconds || null,
    };
  }

  private async callTwitch<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof HttpException) throw error;
      if (error instanceof TwitchError) {
        if (error.status === 429) throw new ServiceUnavailableException(error.message);
        if (error.status === 400) {
          throw new BadRequestException(
            `Twitch refused the query (a stale after?): ${error.message}`,
          );
        }
        throw new BadGatewayException(error.message);
      }
      throw error;
    }
  }
}

/** The RFC 3339 form Helix wants; undefined when not given. */
function isoTime(value: string | undefined, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  const time = Date.parse(value);
  if (Number.isNaN(time))
    throw new BadRequestException(`${field} must be an ISO 8601 date or date-time`);
  return new Date(time).toISOString();
}

function discordFailure(error: unknown): Error {
  if (!(error instanceof DiscordError)) return error as Error;
  switch (error.status) {
    case 400:
      return new BadRequestException(`Discord refused channelId or before: ${error.message}`);
    case 403:
    case 404:
      return new NotFoundException('Discord channel not found, or the bot cannot read it');
    case 401:
      return new BadGatewayException('Discord refused the bot token: check DISCORD_BOT_TOKEN');
    case 429:
      return new ServiceUnavailableException(error.message);
    default:
      return new BadGatewayException(error.message);
  }
}
