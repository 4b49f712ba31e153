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
  /** Set for clips listed by `clips?broadcaster_id=`. */
  broadcaster_id?: string;
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
 * Helix /clips (by id, or by broadcaster_id: most viewed first, started_at/ended_at, first and
 * an `after` cursor), /games and /users (by id or login) with Client-Id and a bearer it issued
 * required, and an image "CDN" under /cdn/. Counts every call so tests can prove caching.
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
  /** The query of every Helix call, in order. */
  readonly queries: { endpoint: string; query: URLSearchParams }[] = [];
  private rateLimited = 0;
  private resetInSeconds = 1;
  private failing = 0;
  private failStatus = 500;

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

  /** The next `count` Helix calls answer HTTP `status`. */
  fail(count: number, status = 500): void {
    this.failing = count;
    this.failStatus = status;
  }

  /** Adds clips for a broadcaster; returns them. */
  addClips(broadcaster: FakeUser, clips: Partial<FakeClip>[]): FakeClip[] {
    this.users.set(broadcaster.id, broadcaster);
    return clips.map((partial, index) => {
      const clip: FakeClip = {
        id: `${broadcaster.login}Clip${this.clips.size + index}`,
        title: `Clip ${index}`,
        creator_name: 'clipper',
        creator_id: '999',
        broadcaster_name: broadcaster.display_name,
        broadcaster_id: broadcaster.id,
        game_id: '',
        duration: 10,
        view_count: 0,
        created_at: new Date().toISOString(),
        thumbnail_url: `${this.url}/cdn/thumb.png`,
        ...partial,
      };
      this.clips.set(clip.id, clip);
      return clip;
    });
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
    this.queries.push({ endpoint, query: url.searchParams });
    this.helix(endpoint, url.searchParams, request, response);
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
    query: URLSearchParams,
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
    if (this.failing > 0) {
      this.failing--;
      return json(response, this.failStatus, { status: this.failStatus, message: 'Fake failure' });
    }
    if (endpoint === 'clips' && query.has('broadcaster_id')) {
      return this.broadcasterClips(query, response);
    }
    const id = query.get('id') ?? '';
    const login = query.get('login');
    const found =
      endpoint === 'clips'
        ? this.clips.get(id)
        : endpoint === 'users'
          ? login !== null
            ? [...this.users.values()].find((user) => user.login === login)
            : this.users.get(id)
          : this.games.has(id)
            ? { id, name: this.games.get(id), box_art_url: '' }
            : undefined;
    json(response, 200, { data: found ? [found] : [] });
  }

  /** As Helix: most viewed first, `first` (1–100) per page, an opaque `after` cursor. */
  private broadcasterClips(query: URLSearchParams, response: ServerResponse): void {
    const first = Number(query.get('first') ?? 20);
    if (!Number.isInteger(first) || first < 1 || first > 100) {
      return json(response, 400, { status: 400, message: 'Invalid first' });
    }
    const started = query.get('started_at');
    const ended = query.get('ended_at');
    const matching = [...this.clips.values()]
      .filter((clip) => clip.broadcaster_id === query.get('broadcaster_id'))
      .filter((clip) => !started || clip.created_at >= started)
      .filter((clip) => !ended || clip.created_at < ended)
      .sort((a, b) => b.view_count - a.view_count);
    const after = query.get('after');
    const offset = after ? Number(Buffer.from(after, 'base64url').toString()) : 0;
    if (!Number.isInteger(offset) || offset < 0) {
      return json(response, 400, { status: 400, message: 'Invalid after' });
    }
    const data = matching.slice(offset, offset + first);
    const next = offset + first < matching.length ? String(offset + first) : null;
    json(response, 200, {
      data,
      pagination: next ? { cursor: Buffer.from(next).toString('base64url') } : {},
    });
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
