import type { RedisOptions } from 'ioredis';

/** Longest wait between two reconnection attempts to Redis. */
export const REDIS_RECONNECT_MAX_MS = 1000;

/**
 * ioredis' backoff for every connection of the API and workers: back within a second of Redis
 * returning (Bull's own default grows to 20 s, leaving queued jobs unclaimed that long).
 */
export function redisRetryStrategy(attempt: number): number {
  return Math.min(attempt * 200, REDIS_RECONNECT_MAX_MS);
}

/** Bull's queue options: Redis reconnects fast, and a consumer retries a failed fetch fast. */
export function bullConnectionOptions(url: string, prefix: string) {
  return {
    url,
    prefix,
    redis: { retryStrategy: redisRetryStrategy } satisfies RedisOptions,
    settings: { retryProcessDelay: REDIS_RECONNECT_MAX_MS },
  };
}
