import type { ThrottlerStorage } from '@nestjs/throttler';
import type { CounterStore } from './counter-store.js';

/** @nestjs/throttler on our counters: blocked until the window resets. */
export class CounterThrottlerStorage implements ThrottlerStorage {
  constructor(private readonly counters: CounterStore) {}

  async increment(key: string, ttl: number, limit: number, _block: number, name: string) {
    const { count, resetInMs } = await this.counters.hit(`${name}:${key}`, ttl);
    const seconds = Math.ceil(resetInMs / 1000);
    const isBlocked = count > limit;
    return {
      totalHits: count,
      timeToExpire: seconds,
      isBlocked,
      timeToBlockExpire: isBlocked ? seconds : 0,
    };
  }
}
