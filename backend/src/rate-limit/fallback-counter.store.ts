import { Logger } from '@nestjs/common';
import {
  type Counter,
  type CounterStore,
  MemoryCounterStore,
  type RedisCounterStore,
} from './counter-store.js';

/**
 * Redis counters, shared by every API process; while Redis is unreachable, counters of this
 * process alone, so limits still apply and no request fails for want of Redis.
 */
export class FallbackCounterStore implements CounterStore {
  private readonly logger = new Logger('RateLimit');
  private readonly memory = new MemoryCounterStore();
  private local = false;

  constructor(private readonly redis: RedisCounterStore) {
    redis.onReady(() => this.useLocal(false));
  }

  hit(key: string, windowMs: number): Promise<Counter> {
    return this.count((store) => store.hit(key, windowMs));
  }

  peek(key: string): Promise<Counter> {
    return this.count((store) => store.peek(key));
  }

  private async count(use: (store: CounterStore) => Promise<Counter>): Promise<Counter> {
    if (this.redis.status === 'ready') {
      try {
        const counter = await use(this.redis);
        this.useLocal(false);
        return counter;
      } catch (error) {
        this.useLocal(true, (error as Error).message);
      }
    } else {
      this.useLocal(true, `connection ${this.redis.status}`);
    }
    return use(this.memory);
  }

  private useLocal(local: boolean, reason?: string): void {
    if (local === this.local) return;
    this.local = local;
    if (local) {
      this.logger.warn(`Redis unreachable (${reason}): rate limits counted per process`);
    } else {
      this.logger.log('Redis back: rate limits shared again');
      void this.memory.close();
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.redis.close(), this.memory.close()]);
  }
}
