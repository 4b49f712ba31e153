import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';

export const TWITCH_TIMEOUT_MS = 10_000;
/** The token is renewed this long before Twitch says it expires. */
const TOKEN_MARGIN_MS = 60_000;
/** A 429 whose Ratelimit-Reset is further away than this is not waited for. */
const MAX_RATE_LIMIT_WAIT_MS = 15_000;
const SLUG = /^[A-Za-z0-9_-]{1,120}$/;
const NUMERIC_ID = /^\d{1,20}$/;
/** Twitch login names. */
const LOGIN = /^[A-Za-z0-9_]{1,25}$/;

/** Every Twitch failure: `status` is Twitch's HTTP status, null when no answer came. */
export class TwitchError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'TwitchError';
  }
}

export interface TwitchClip {
  id: string;
  title: string;
  creatorName: string;
  creatorId: string;
  broadcasterName: string;
  gameId: string;
  durationSeconds: number;
  viewCount: number;
  createdAt: string;
  thumbnailUrl: string;
}

export interface TwitchUser {
  id: string;
  login: string;
  displayName: string;
  profileImageUrl: string;
}

/** One page of a broadcaster's clips, in Twitch's order (most viewed first). */
export interface TwitchClipPage {
  clips: TwitchClip[];
  /** Helix's `pagination.cursor`; null on the last page. */
  cursor: string | null;
}

export interface BroadcasterClipsQuery {
  broadcasterId: string;
  /** 1–100. */
  first: number;
  /** RFC 3339 times. */
  startedAt?: string;
  endedAt?: string;
  after?: string;
}

interface HelixList<T> {
  data?: T[];
  pagination?: { cursor?: unknown };
}

/** Helix over HTTP with an app access token (client credentials), cached and renewed. */
@Injectable()
export class TwitchRepository {
  private token: { value: string; renewAt: number } | null = null;
  private pendingToken: Promise<string> | null = null;
  private readonly gameNames = new Map<string, string>();

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get enabled(): boolean {
    return this.config.twitch.credentials !== null;
  }

  /** null for an unknown clip (or a slug that cannot be one). */
  async getClip(slug: string): Promise<TwitchClip | null> {
    if (!SLUG.test(slug)) return null;
    const clip = await this.first<Record<string, unknown>>('clips', { id: slug });
    return clip ? toClip(clip) : null;
  }

  /**
   * A page of the broadcaster's clips made in [startedAt, endedAt] (Helix: most viewed first;
   * without startedAt, of all time). An unknown broadcaster is an empty page.
   */
  async getBroadcasterClips(query: BroadcasterClipsQuery): Promise<TwitchClipPage> {
    if (!NUMERIC_ID.test(query.broadcasterId)) return { clips: [], cursor: null };
    const params: Record<string, string> = {
      broadcaster_id: query.broadcasterId,
      first: String(query.first),
    };
    if (query.startedAt) params.started_at = query.startedAt;
    if (query.endedAt) params.ended_at = query.endedAt;
    if (query.after) params.after = query.after;
    const body = await this.helix<HelixList<Record<string, unknown>>>('clips', params);
    const rows = Array.isArray(body?.data) ? body.data : [];
    const cursor = body?.pagination?.cursor;
    return {
      clips: rows.map(toClip),
      cursor: typeof cursor === 'string' && cursor && rows.length > 0 ? cursor : null,
    };
  }

  /** The game's name (remembered for the life of the process), null when unknown. */
  async getGame(id: string): Promise<string | null> {
    if (!NUMERIC_ID.test(id)) return null;
    const known = this.gameNames.get(id);
    if (known !== undefined) return known;
    const game = await this.first<Record<string, unknown>>('games', { id });
    const name = game ? text(game.name) : '';
    if (!name) return null;
    this.gameNames.set(id, name);
    return name;
  }

  async getUser(id: string): Promise<TwitchUser | null> {
    if (!NUMERIC_ID.test(id)) return null;
    const user = await this.first<Record<string, unknown>>('users', { id });
    return user ? toUser(user) : null;
  }

  /** By login name (case-insensitive); null when Twitch knows no such user. */
  async getUserByLogin(login: string): Promise<TwitchUser | null> {
    if (!LOGIN.test(login)) return null;
    const user = await this.first<Record<string, unknown>>('users', {
      login: login.toLowerCase(),
    });
    return user ? toUser(user) : null;
  }

  /** The first item of a Helix list; null when empty or 404. */
  private async first<T>(path: string, query: Record<string, string>): Promise<T | null> {
    const body = await this.helix<HelixList<T>>(path, query);
    return Array.isArray(body?.data) ? (body.data[0] ?? null) : null;
  }

  /**
   * GET {api}/{path}: one retry with a new token after a 401; one 429 is waited out until its
   * Ratelimit-Reset (the bucket is full then) when that is at most MAX_RATE_LIMIT_WAIT_MS away.
   */
  private async helix<T>(path: string, query: Record<string, string>): Promise<T | null> {
    const credentials = this.credentials();
    const url = `${this.config.twitch.apiBase}/${path}?${new URLSearchParams(query)}`;
    let renewed = false;
    let waited = false;
    for (;;) {
      const token = await this.appToken();
      const response = await send(url, {
        headers: { 'Client-Id': credentials.clientId, Authorization: `Bearer ${token}` },
      });
      if (response.status === 401 && !renewed) {
        renewed = true;
        this.forgetToken(token);
        continue;
      }
      if (response.status === 429 && !waited) {
        waited = true;
        await waitForReset(response);
        continue;
      }
      if (response.status === 404) return null;
      return readJson<T>(response, `Helix ${path}`);
    }
  }

  /** The app access token, fetched once and shared by concurrent callers. */
  private async appToken(): Promise<string> {
    if (this.token && Date.now() < this.token.renewAt) return this.token.value;
    this.pendingToken ??= this.fetchToken().finally(() => (this.pendingToken = null));
    return this.pendingToken;
  }

  private forgetToken(value: string): void {
    if (this.token?.value === value) this.token = null;
  }

  private async fetchToken(): Promise<string> {
    const { clientId, clientSecret } = this.credentials();
    const response = await send(`${this.config.twitch.authBase}/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        client_id: clientId,
        client_secret: clientSecret,
        grant_type: 'client_credentials',
      }).toString(),
    });
    if (response.status === 400 || response.status === 401 || response.status === 403) {
      await response.body?.cancel();
      throw new TwitchError(
        `Twitch refused the app credentials (HTTP ${response.status}): check TWITCH_CLIENT_ID and TWITCH_CLIENT_SECRET`,
        response.status,
      );
    }
    const body = await readJson<{ access_token?: unknown; expires_in?: unknown }>(
      response,
      'Twitch token endpoint',
    );
    if (typeof body.access_token !== 'string' || !body.access_token) {
      throw new TwitchError('The Twitch token endpoint answered without an access token', 200);
    }
    const lifetimeMs = (Number(body.expires_in) || 3600) * 1000;
    this.token = {
      value: body.access_token,
      renewAt: Date.now() + Math.max(lifetimeMs - TOKEN_MARGIN_MS, lifetimeMs / 2),
    };
    return body.access_token;
  }

  private credentials() {
    const credentials = this.config.twitch.credentials;
    if (!credentials) {
      throw new TwitchError('Twitch is not configured (TWITCH_CLIENT_ID/SECRET)', null);
    }
    return credentials;
  }
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function toClip(clip: Record<string, unknown>): TwitchClip {
  return {
    id: text(clip.id),
    title: text(clip.title),
    creatorName: text(clip.creator_name),
    creatorId: text(clip.creator_id),
    broadcasterName: text(clip.broadcaster_name),
    gameId: text(clip.game_id),
    durationSeconds: Number(clip.duration) || 0,
    viewCount: Number(clip.view_count) || 0,
    createdAt: text(clip.created_at),
    thumbnailUrl: text(clip.thumbnail_url),
  };
}

function toUser(user: Record<string, unknown>): TwitchUser {
  return {
    id: text(user.id),
    login: text(user.login),
    displayName: text(user.display_name),
    profileImageUrl: text(user.profile_image_url),
  };
}

/** fetch with a timeout whose failures are TwitchErrors, never raw fetch errors. */
async function send(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, {
      ...init,
      redirect: 'error',
      signal: AbortSignal.timeout(TWITCH_TIMEOUT_MS),
    });
  } catch (error) {
    const name = (error as Error).name;
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    throw new TwitchError(
      name === 'TimeoutError' || name === 'AbortError'
        ? `Twitch did not answer within ${TWITCH_TIMEOUT_MS / 1000} s (${new URL(url).host})`
        : `Twitch could not be reached (${new URL(url).host}${cause ? `: ${cause}` : ''})`,
      null,
    );
  }
}

async function readJson<T>(response: Response, what: string): Promise<T> {
  let raw: string;
  try {
    raw = await response.text();
  } catch {
    throw new TwitchError(`${what}: the answer was cut off`, response.status);
  }
  if (!response.ok) {
    const message = /"message"\s*:\s*"([^"]{1,200})"/.exec(raw)?.[1];
    throw new TwitchError(
      `${what} answered HTTP ${response.status}${message ? `: ${message}` : ''}`,
      response.status,
    );
  }
  try {
    return JSON.parse(raw) as T;
  } catch {
    throw new TwitchError(`${what} answered something that is not JSON`, response.status);
  }
}

/** Helix's Ratelimit-Reset is the epoch second when the bucket refills. */
async function waitForReset(response: Response): Promise<void> {
  await response.body?.cancel();
  const reset = Number(response.headers.get('ratelimit-reset'));
  const waitMs = Number.isFinite(reset) && reset > 0 ? reset * 1000 - Date.now() : 1000;
  if (waitMs > MAX_RATE_LIMIT_WAIT_MS) {
    throw new TwitchError(
      `Twitch rate limit reached; it resets in ${Math.ceil(waitMs / 1000)} s, try again then`,
      429,
    );
  }
  await sleep(Math.max(0, waitMs));
}
