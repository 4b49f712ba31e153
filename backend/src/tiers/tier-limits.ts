import type { TierEntity } from './tier.entity.js';

type Limits = Pick<TierEntity, 'unlimited' | 'storageLimitBytes' | 'monthlyRenderSeconds'>;

/**
 * Storage limit precedence: a tier with the unlimited flag → none; a tier with a limit → that;
 * otherwise (no tier, or a tier without a limit) → STORAGE_QUOTA (`fallback`, null = none).
 */
export function storageLimitOf(tier: Limits | null, fallback: number | null): number | null {
  if (tier?.unlimited) return null;
  return tier?.storageLimitBytes ?? fallback;
}

/** Monthly render seconds; null = none (no tier, unlimited, or no limit set). */
export function renderLimitOf(tier: Limits | null): number | null {
  if (!tier || tier.unlimited) return null;
  return tier.monthlyRenderSeconds;
}

/** The UTC calendar month holding `now`: [start, end). */
export function monthWindow(now: Date): { start: Date; end: Date } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  return { start, end };
}
