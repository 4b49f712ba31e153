export interface RateLimit {
  limit: number;
  ttlMs: number;
}

const UNIT_MS: Record<string, number> = {
  second: 1000,
  minute: 60_000,
  hour: 3_600_000,
  day: 86_400_000,
};

/**
 * Flask-Limiter's notation, as the original's RATELIMIT_DEFAULT used it:
 * "200 per day; 50 per hour", "10 per minute", "5 per 15 minutes", "100/hour".
 */
export function parseRateLimits(text: string): RateLimit[] {
  const parts = text
    .split(/[;,]/)
    .map((part) => part.trim())
    .filter(Boolean);
  if (!parts.length) throw new Error('no limit given');
  return parts.map((part) => {
    const match = /^(\d+)\s*(?:per|\/)\s*(\d+)?\s*(second|minute|hour|day)s?$/i.exec(part);
    if (!match) throw new Error(`"${part}" is not like "100 per minute" or "5 per 15 minutes"`);
    const limit = Number(match[1]);
    const count = Number(match[2] ?? 1);
    if (limit < 1 || count < 1) throw new Error(`"${part}" must count at least 1`);
    return { limit, ttlMs: count * UNIT_MS[match[3]!.toLowerCase()]! };
  });
}
