import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { DiscordAPIError, HTTPError, RateLimitError, REST } from '@discordjs/rest';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import type { DiscordMessage } from './discord-clip-links.js';

export const DISCORD_TIMEOUT_MS = 10_000;
/** A 429 whose retry-after is further away than this is not waited for. */
const MAX_RATE_LIMIT_WAIT_MS = 15_000;

/** Every Discord failure: `status` is Discord's HTTP status, null when no answer came. */
export class DiscordError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'DiscordError';
  }
}

export interface ChannelMessagesQuery {
  channelId: string;
  limit: number;
  before?: string;
}

/**
 * Discord REST with the bot token, through @discordjs/rest: it keeps Discord's per-route
 * buckets and waits out 429s (retry-after); waits longer than MAX_RATE_LIMIT_WAIT_MS fail.
 */
@Injectable()
export class DiscordRepository implements OnModuleDestroy {
  private rest: REST | null = null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.discord.botToken !== null;
  }

  /** A channel's messages, newest first (GET /channels/{id}/messages). */
  async channelMessages(query: ChannelMessagesQuery): Promise<DiscordMessage[]> {
    const params = new URLSearchParams({ limit: String(query.limit) });
    if (query.before) params.set('before', query.before);
    let body: unknown;
    try {
      body = await this.client().get(`/channels/${query.channelId}/messages`, {
        query: params,
        // DISCORD_API_BASE already names the version (…/api/v10).
        versioned: false,
      });
    } catch (error) {
      throw toDiscordError(error, this.config.discord.apiBase);
    }
    if (!Array.isArray(body)) {
      throw new DiscordError('Discord answered something that is not a message list', 200);
    }
    return body as DiscordMessage[];
  }

  onModuleDestroy(): void {
    this.rest?.clearHashSweeper();
    this.rest?.clearHandlerSweeper();
  }

  private client(): REST {
    const token = this.config.discord.botToken;
    if (!token) throw new DiscordError('Discord is not configured (DISCORD_BOT_TOKEN)', null);
    this.rest ??= new REST({
      api: this.config.discord.apiBase,
      timeout: DISCORD_TIMEOUT_MS,
      retries: 1,
      rejectOnRateLimit: (limit) => limit.retryAfter > MAX_RATE_LIMIT_WAIT_MS,
    });
    // @discordjs/rest forgets the token after a 401; every call presents it again.
    return this.rest.setToken(token);
  }
}

function toDiscordError(error: unknown, apiBase: string): DiscordError {
  if (error instanceof DiscordError) return error;
  if (error instanceof DiscordAPIError) {
    return new DiscordError(
      `Discord answered HTTP ${error.status}: ${error.message}`,
      error.status,
    );
  }
  if (error instanceof HTTPError) {
    return new DiscordError(`Discord answered HTTP ${error.status}`, error.status);
  }
  if (error instanceof RateLimitError) {
    return new DiscordError(
      `Discord rate limit reached; try again in ${Math.ceil(error.retryAfter / 1000)} s`,
      429,
    );
  }
  const name = (error as Error)?.name;
  const failure = error as { code?: unknown; cause?: { code?: unknown } } | undefined;
  const code = failure?.cause?.code ?? failure?.code;
  const cause = typeof code === 'string' ? code : undefined;
  const host = new URL(apiBase).host;
  if (name === 'AbortError' || name === 'TimeoutError') {
    return new DiscordError(
      `Discord did not answer within ${DISCORD_TIMEOUT_MS / 1000} s (${host})`,
      null,
    );
  }
  if (cause || error instanceof TypeError) {
    return new DiscordError(
      `Discord could not be reached (${host}${cause ? `: ${cause}` : ''})`,
      null,
    );
  }
  return new DiscordError(`The Discord request failed: ${(error as Error)?.message}`, null);
}
