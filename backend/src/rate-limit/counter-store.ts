import { Redis } from 'ioredis';
import { redisRetryStrategy } from '@clippyfront/worker';

const COMMAND_TIMEOUT_MS = 1000;

export interface Counter {
  count: number;
  /** Milliseconds until the window resets (0 when nothing is counted). */
  resetInMs: number;
}

/** Fixed-window counters, shared by every API process when they live in Redis. */
export interface CounterStore {
  hit(key: string, windowMs: number): Promise<Counter>;
  peek(key: string): Promise<Counter>;
  close(): Promise<void>;
}

export class MemoryCounterStore implements CounterStore {
  private readonly counters = new Map<string, { count: number; expiresAt: number }>();

  async hit(key: string, windowMs: number): Promise<Counter> {
    const now = Date.now();
    const current = this.counters.get(key);
    const entry =
      current && current.expiresAt > now ? current : { count: 0, expiresAt: now + windowMs };
    entry.count += 1;
    this.counters.set(key, entry);
    if (this.counters.size > 100_000) this.prune(now);
    return { count: entry.count, resetInMs: entry.expiresAt - now };
  }

  async peek(key: string): Promise<Counter> {
    const now = Date.now();
    const entry = this.counters.get(key);
    if (!entry || entry.expiresAt <= now) return { count: 0, resetInMs: 0 };
    return { count: entry.count, resetInMs: entry.expiresAt - now };
  }

  private prune(now: number): void {
    for (const [key, entry] of this.counters) if (entry.expiresAt <= now) this.counters.delete(key);
  }

  async close(): Promise<void> {
    this.counters.clear();
  }
}

/**
 * Counters in Redis. Commands fail at once while Redis is away (no offline queue, no retries),
 * so a caller can count elsewhere instead of waiting.
 */
export class RedisCounterStore implements CounterStore {
  private readonly redis: Redis;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.redis = new Redis(url, {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: COMMAND_TIMEOUT_MS,
      retryStrategy: redisRetryStrategy,
    });
    // Failures surface through the commands; without a listener ioredis prints each one.
    this.redis.on('error', () => undefined);
  }

  /** ioredis' connection state: "ready" when commands can be sent. */
  get status(): string {
    return this.redis.status;
  }

  /** Calls `listener` each time the connection is (again) ready. */
  onReady(listener: () => void): void {
    this.redis.on('ready', listener);
  }

  /** The first connection; resolves either way (reconnection goes on in the background). */
  async connect(): Promise<void> {
    await this.redis.connect().catch(() => undefined);
  }

  async hit(key: string, windowMs: number): Promise<Counter> {
    const full = `${this.prefix}:ratelimit:${key}`;
    const result = await this.redis
      .multi()
      .incr(full)
      .pexpire(full, windowMs, 'NX')
      .pttl(full)
      .exec();
    const count = Number(result?.[0]?.[1] ?? 0);
    const ttl = Number(result?.[2]?.[1] ?? windowMs);
    return { count, resetInMs: ttl > 0 ? ttl : windowMs };
  }

  async peek(key: string): Promise<Counter> {
    const full = `${this.prefix}:ratelimit:${key}`;
    const [count, ttl] = await Promise.all([this.redis.get(full), this.redis.pttl(full)]);
    return { count: Number(count ?? 0), resetInMs: ttl > 0 ? ttl : 0 };
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

export const COUNTER_STORE = Symbol('COUNTER_STORE');
