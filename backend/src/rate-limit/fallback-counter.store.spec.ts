import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { MemoryCounterStore, type RedisCounterStore } from './counter-store.js';
import { FallbackCounterStore } from './fallback-counter.store.js';

/** Redis counters that can be cut off: commands fail, as ioredis' do without an offline queue. */
class FakeRedisCounters extends MemoryCounterStore {
  status = 'ready';
  private readonly listeners: (() => void)[] = [];
  onReady(listener: () => void) {
    this.listeners.push(listener);
  }
  override hit(key: string, windowMs: number) {
    if (this.status !== 'ready') return Promise.reject(new Error('Connection is closed.'));
    return super.hit(key, windowMs);
  }
  back() {
    this.status = 'ready';
    for (const listener of this.listeners) listener();
  }
}

describe('FallbackCounterStore', () => {
  const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  const log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
  afterAll(() => jest.restoreAllMocks());

  it('counts in this process while Redis is away, saying so once each way', async () => {
    const redis = new FakeRedisCounters();
    const store = new FallbackCounterStore(redis as unknown as RedisCounterStore);
    expect((await store.hit('k', 60_000)).count).toBe(1);

    redis.status = 'reconnecting';
    for (let i = 1; i <= 3; i++) expect((await store.hit('k', 60_000)).count).toBe(i);
    expect((await store.peek('k')).count).toBe(3);
    expect(warn.mock.calls.map(([message]) => message)).toEqual([
      'Redis unreachable (connection reconnecting): rate limits counted per process',
    ]);

    redis.back();
    expect((await store.hit('k', 60_000)).count).toBe(2);
    expect(log.mock.calls.map(([message]) => message)).toEqual([
      'Redis back: rate limits shared again',
    ]);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('counts here when a command fails on a connection that looked ready', async () => {
    warn.mockClear();
    const redis = new FakeRedisCounters();
    const store = new FallbackCounterStore(redis as unknown as RedisCounterStore);
    jest.spyOn(redis, 'hit').mockRejectedValueOnce(new Error('Command timed out'));
    expect((await store.hit('k', 60_000)).count).toBe(1);
    expect(warn.mock.calls[0]?.[0]).toMatch(/Command timed out/);
  });
});
