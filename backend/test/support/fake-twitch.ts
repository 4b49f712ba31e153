import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A Helix clip as Twitch sends it (snake_case). */
export interface FakeClip {
  id: string;
  title: string;
  creator_name: string;
  creator_id: string;
  broadcaster_name: string;
  game_id: string;
  duration: number;
  view_count: number;
  created_at: string;
  thumbnail_url: string;
}

export interface FakeUser {
  id: string;
  login: string;
  display_name: string;
  profile_image_url: string;
}

type Endpoint = 'token' | 'clips' | 'games' | 'users' | 'cdn';

/**
 * A local stand-in for Twitch on 127.0.0.1: the OAuth token endpoint (client credentials),
 * Helix /clips, /games and /users (Client-Id and a bearer it issued required), and an image
 * "CDN" under /cdn/. Counts every call so tests can prove caching.
 */
export class FakeTwitch {
  readonly clientId = 'fake-client-id';
  readonly clientSecret = 'fake-client-secret';
  readonly clips = new Map<string, FakeClip>();
  readonly games = new Map<string, string>();
  readonly users = new Map<string, FakeUser>();
  readonly images = new Map<string, { type: string; body: Buffer }>();
  readonly calls: Record<Endpoint, number> = { token: 0, clips: 0, games: 0, users: 0, cdn: 0 };
  /** Lifetime given to new tokens, in seconds. */
  tokenLifetime = 3600;
  private readonly tokens = new Set<string>();
  private rateLimited = 0;
  private resetInSeconds = 1;

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<FakeTwitch> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeTwitch(server, `http://127.0.0.1:${port}`);
    server.on('request', (request, response) => fake.handle(request, response));
    return fake;
  }

  get apiBase(): string {
    return `${this.url}/helix`;
  }

  get authBase(): string {
    return `${this.url}/oauth2`;
  }

  /** The app settings that point at this fake. */
  env(): Record<string, string> {
    return {
      TWITCH_CLIENT_ID: this.clientId,
      TWITCH_CLIENT_SECRET: this.clientSecret,
      TWITCH_API_BASE: this.apiBase,
      TWITCH_AUTH_BASE: this.authBase,
    };
  }

  /** Every token issued so far stops working (Helix answers 401). */
  expireTokens(): void {
    this.tokens.clear();
  }

  /** The next `count` Helix calls answer 429 with Ratelimit-Reset `seconds` ahead. */
  rateLimit(count: number, seconds = 1): void {
    this.rateLimited = count;
    this.resetInSeconds = seconds;
  }

  resetCalls(): void {
    for (const key of Object.keys(this.calls) as Endpoint[]) this.calls[key] = 0;
  }

  /** Adds an avatar image under /cdn/<name>; returns its URL. */
  serveImage(name: string, body: Buffer, type = 'image/png'): string {
    this.images.set(name, { type, body });
    return `${this.url}/cdn/${name}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', this.url);
    if (request.method === 'POST' && url.pathname === '/oauth2/token') {
      void readBody(request).then((body) => this.token(new URLSearchParams(body), response));
      return;
    }
    if (request.method === 'GET' && url.pathname.startsWith('/cdn/')) {
      this.calls.cdn++;
      const image = this.images.get(url.pathname.slice('/cdn/'.length));
      if (!image) return json(response, 404, { message: 'no such image' });
      response.writeHead(200, { 'content-type': image.type, 'content-length': image.body.length });
      response.end(image.body);
      return;
    }
    const endpoint = /^\/helix\/(clips|games|users)$/.exec(url.pathname)?.[1] as
      'clips' | 'games' | 'users' | undefined;
    if (request.method !== 'GET' || !endpoint) return json(response, 404, { message: 'Not Found' });
    this.calls[endpoint]++;
    this.helix(endpoint, url.searchParams.get('id') ?? '', request, response);
  }

  private token(form: URLSearchParams, response: ServerResponse): void {
    this.calls.token++;
    if (
      form.get('grant_type') !== 'client_credentials' ||
      form.get('client_id') !== this.clientId ||
      form.get('client_secret') !== this.clientSecret
    ) {
      return json(response, 403, { status: 403, message: 'invalid client secret' });
    }
    const token = `fake-token-${this.calls.token}`;
    this.tokens.add(token);
    json(response, 200, {
      access_token: token,
      expires_in: this.tokenLifetime,
      token_type: 'bearer',
    });
  }

  private helix(
    endpoint: 'clips' | 'games' | 'users',
    id: string,
    request: IncomingMessage,
    response: ServerResponse,
  ): void {
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (request.headers['client-id'] !== this.clientId || !bearer || !this.tokens.has(bearer)) {
      return json(response, 401, {
        error: 'Unauthorized',
        status: 401,
        message: 'Invalid OAuth token',
      });
    }
    if (this.rateLimited > 0) {
      this.rateLimited--;
      response.setHeader(
        'Ratelimit-Reset',
        String(Math.ceil(Date.now() / 1000) + this.resetInSeconds),
      );
      return json(response, 429, { status: 429, message: 'Too Many Requests' });
    }
    const found =
      endpoint === 'clips'
        ? this.clips.get(id)
        : endpoint === 'users'
          ? this.users.get(id)
          : this.games.has(id)
            ? { id, name: this.games.get(id), box_art_url: '' }
            : undefined;
    json(response, 200, { data: found ? [found] : [] });
  }
}

function json(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(text);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** A square PNG of one colour, made by ffmpeg's lavfi `color` source. */
export function avatarPng(color = 'red', size = 64): Buffer {
  const folder = mkdtempSync(join(tmpdir(), 'clippyfront-avatar-'));
  try {
    const path = join(folder, 'avatar.png');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      `color=c=${color}:s=${size}x${size}`,
      '-frames:v',
      '1',
      path,
    ]);
    return readFileSync(path);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
