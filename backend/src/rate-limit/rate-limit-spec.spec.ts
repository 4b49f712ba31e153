import { parseRateLimits } from './rate-limit-spec.js';

describe('parseRateLimits', () => {
  it('reads the Flask-Limiter notation of RATELIMIT_DEFAULT', () => {
    expect(parseRateLimits('200 per day; 50 per hour')).toEqual([
      { limit: 200, ttlMs: 86_400_000 },
      { limit: 50, ttlMs: 3_600_000 },
    ]);
    expect(parseRateLimits('5 per 15 minutes')).toEqual([{ limit: 5, ttlMs: 900_000 }]);
    expect(parseRateLimits('100/second')).toEqual([{ limit: 100, ttlMs: 1000 }]);
  });

  it('refuses what it cannot read', () => {
    expect(() => parseRateLimits('')).toThrow(/no limit/);
    expect(() => parseRateLimits('lots per minute')).toThrow(/is not like/);
    expect(() => parseRateLimits('0 per minute')).toThrow(/at least 1/);
    expect(() => parseRateLimits('10 per fortnight')).toThrow(/is not like/);
  });
});
