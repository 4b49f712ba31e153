import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testMedia } from './test-media.js';

/** A message as Discord's REST API v10 sends it (the fields the app reads). */
export interface FakeMessage {
  id: string;
  channel_id: string;
  timestamp: string;
  content: string;
  author: { id: string; username: string; global_name: string | null };
  attachments: {
    id: string;
    filename: string;
    url: string;
    proxy_url: string;
    content_type?: string;
    size: number;
  }[];
  embeds: { url?: string; title?: string; thumbnail?: { url: string } }[];
}

export interface PostOptions {
  content?: string;
  author?: string;
  /** Files attached: a test-media recipe (served for real) or any name with a content type. */
  files?: { name: string; recipe?: string; contentType?: string }[];
  embeds?: FakeMessage['embeds'];
  timestamp?: string;
}

/**
 * A local stand-in for Discord on 127.0.0.1: `GET /api/v10/channels/{id}/messages` (limit,
 * before; `Authorization: Bot <token>` required) and an attachment "CDN" under /attachments/
 * serving ffmpeg-generated clips, so a download of a found clip really works. Channels in
 * `forbidden` answer 403 (the bot cannot see them), unknown ones 404.
 */
export class FakeDiscord {
  readonly token = 'fake-discord-bot-token';
  readonly forbidden = new Set<string>();
  /** The query of every messages call, in order. */
  readonly queries: URLSearchParams[] = [];
  readonly calls = { messages: 0, files: 0 };
  private readonly channels = new Map<string, FakeMessage[]>();
  private readonly files = new Map<string, { recipe: string; contentType: string }>();
  private nextId = 1_200_000_000_000_000_000n;
  private rateLimited = 0;
  private retryAfterSeconds = 1;
  private failing = 0;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeDiscord> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeDiscord(server, `http://127.0.0.1:${port}`);
    server.on('request', (request, response) => fake.handle(request, response));
    return fake;
  }

  get apiBase(): string {
    return `${this.url}/api/v10`;
  }

  /** The app settings that point at this fake (its attachments are on 127.0.0.1). */
  env(): Record<string, string> {
    return {
      DISCORD_BOT_TOKEN: this.token,
      DISCORD_API_BASE: this.apiBase,
      ALLOW_EXTERNAL_URLS: 'true',
      DOWNLOAD_ALLOW_PRIVATE_NETWORKS: 'true',
    };
  }

  /** A new, empty channel; returns its id. */
  channel(): string {
    const id = this.snowflake();
    this.channels.set(id, []);
    return id;
  }

  /** Posts a message (newer than every earlier one) to a channel. */
  post(channelId: string, options: PostOptions = {}): FakeMessage {
    const messages = this.channels.get(channelId);
    if (!messages) throw new Error(`no channel ${channelId}`);
    const id = this.snowflake();
    const author = options.author ?? 'poster';
    const message: FakeMessage = {
      id,
      channel_id: channelId,
      timestamp: options.timestamp ?? new Date().toISOString(),
      content: options.content ?? '',
      author: { id: '42', username: author.toLowerCase(), global_name: author },
      attachments: (options.files ?? []).map((file) => {
        const attachmentId = this.snowflake();
        const path = `/attachments/${channelId}/${attachmentId}/${file.name}`;
        const contentType =
          file.contentType ?? (file.recipe ? 'video/mp4' : 'application/octet-stream');
        if (file.recipe) this.files.set(path, { recipe: file.recipe, contentType });
        const url = `${this.url}${path}?ex=1&is=2&hm=abc`;
        return {
          id: attachmentId,
          filename: file.name,
          url,
          proxy_url: url,
          ...(file.contentType || file.recipe ? { content_type: contentType } : {}),
          size: 1000,
        };
      }),
      embeds: options.embeds ?? [],
    };
    messages.unshift(message);
    return message;
  }

  /** The next `count` message calls answer 429 with retry-after `seconds`. */
  rateLimit(count: number, seconds = 1): void {
    this.rateLimited = count;
    this.retryAfterSeconds = seconds;
  }

  /** The next `count` message calls answer 500. */
  fail(count: number): void {
    this.failing = count;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private snowflake(): string {
    this.nextId += 4_194_304n;
    return String(this.nextId);
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', this.url);
    const file = this.files.get(url.pathname);
    if (request.method === 'GET' && file) {
      this.calls.files++;
      const bytes = testMedia(file.recipe);
      response.writeHead(200, { 'content-type': file.contentType, 'content-length': bytes.length });
      response.end(bytes);
      return;
    }
    const channelId = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(url.pathname)?.[1];
    if (request.method !== 'GET' || !channelId) {
      return json(response, 404, { message: '404: Not Found', code: 0 });
    }
    this.calls.messages++;
    this.queries.push(url.searchParams);
    if (request.headers.authorization !== `Bot ${this.token}`) {
      return json(response, 401, { message: '401: Unauthorized', code: 0 });
    }
    if (this.rateLimited > 0) {
      this.rateLimited--;
      response.setHeader('retry-after', String(this.retryAfterSeconds));
      response.setHeader('x-ratelimit-scope', 'user');
      return json(response, 429, {
        message: 'You are being rate limited.',
        retry_after: this.retryAfterSeconds,
        global: false,
      });
    }
    if (this.failing > 0) {
      this.failing--;
      return json(response, 500, { message: 'Internal Server Error', code: 0 });
    }
    if (this.forbidden.has(channelId)) {
      return json(response, 403, { message: 'Missing Access', code: 50001 });
    }
    const messages = this.channels.get(channelId);
    if (!messages) return json(response, 404, { message: 'Unknown Channel', code: 10003 });
    const limit = Number(url.searchParams.get('limit') ?? 50);
    if (!Number.isInteger(limit) || limit < 1 || limit > 100) {
      return json(response, 400, { message: 'Invalid Form Body', code: 50035 });
    }
    const before = url.searchParams.get('before');
    const older = before ? messages.filter((m) => BigInt(m.id) < BigInt(before)) : messages;
    json(response, 200, older.slice(0, limit));
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(text);
}
