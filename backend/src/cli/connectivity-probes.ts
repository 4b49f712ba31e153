import { Redis } from 'ioredis';
import pg from 'pg';
import { within } from '../common/within.js';

export type PartName = 'database' | 'redis' | 'api';

export interface ProbeResult {
  part: PartName;
  /** Where it looked, with any password replaced by ***. */
  target: string | null;
  status: 'up' | 'down' | 'skipped';
  /** One line: what answered, why it failed, or why it was not tried. */
  detail: string;
  ms: number | null;
}

/** A URL with its password hidden, for output that may end up in a log. */
export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
  }
}

const oneLine = (error: unknown) =>
  ((error as Error).message || String(error)).replace(/\s+/g, ' ').trim() ||
  (error as { code?: string }).code ||
  'unknown error';

async function timed(
  part: PartName,
  url: string,
  timeoutMs: number,
  run: () => Promise<string>,
): Promise<ProbeResult> {
  const started = Date.now();
  const target = redact(url);
  try {
    const detail = await within(run(), timeoutMs, `no answer within ${timeoutMs} ms`);
    return { part, target, status: 'up', detail, ms: Date.now() - started };
  } catch (error) {
    return { part, target, status: 'down', detail: oneLine(error), ms: Date.now() - started };
  }
}

/** Connects and runs one query. */
export function probeDatabase(url: string, timeoutMs: number): Promise<ProbeResult> {
  return timed('database', url, timeoutMs, async () => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
    client.on('error', () => {});
    try {
      await client.connect();
      const { rows } = await client.query<{ version: string }>('SELECT version() AS version');
      return rows[0].version.split(' ').slice(0, 2).join(' ');
    } finally {
      await client.end().catch(() => {});
    }
  });
}

/** PING, once, without retrying. */
export function probeRedis(url: string, timeoutMs: number): Promise<ProbeResult> {
  return timed('redis', url, timeoutMs, async () => {
    const redis = new Redis(url, {
      lazyConnect: true,
      connectTimeout: timeoutMs,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy: () => null,
    });
    // A refused connection shows up here; connect() itself only says "Connection is closed".
    let lastError: Error | null = null;
    redis.on('error', (error: Error) => (lastError = error));
    try {
      await redis.connect();
      const answer = await redis.ping();
      return `PING → ${answer}`;
    } catch (error) {
      throw lastError ?? error;
    } finally {
      redis.disconnect();
    }
  });
}

/** GET <api>/api/health: 200 is up; 503 (degraded) and anything else are down. */
export function probeApi(url: string, timeoutMs: number): Promise<ProbeResult> {
  const healthUrl = new URL('api/health', url.endsWith('/') ? url : `${url}/`).toString();
  return timed('api', url, timeoutMs, async () => {
    let response: Response;
    try {
      response = await fetch(healthUrl, { signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const cause = (error as { cause?: unknown }).cause;
      throw new Error(`GET ${healthUrl}: ${oneLine(cause ?? error)}`, { cause: error });
    }
    const body = (await response.json().catch(() => null)) as {
      status?: string;
      database?: { status?: string };
      redis?: { status?: string };
    } | null;
    if (response.ok && body?.status === 'ok') return `GET /api/health → ${response.status} ok`;
    const parts = body
      ? ` (database ${body.database?.status ?? '?'}, redis ${body.redis?.status ?? '?'})`
      : '';
    throw new Error(
      `GET /api/health → ${response.status} ${body?.status ?? 'not a health answer'}${parts}`,
    );
  });
}
