import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of its own per run, and a way to wipe exactly those keys. */
export function createRedisPrefix(label: string) {
  const prefix = `cf-test-${label}-${randomBytes(4).toString('hex')}`;
  return {
    prefix,
    async deleteKeys(): Promise<number> {
      const redis = new Redis(TEST_REDIS_URL);
      try {
        const keys = await redis.keys(`${prefix}:*`);
        if (keys.length) await redis.del(...keys);
        return keys.length;
      } finally {
        redis.disconnect();
      }
    },
  };
}
