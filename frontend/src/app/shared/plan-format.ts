import type { UsageDto, WatermarkOverride } from '@clippyfront/shared';
import { formatBytes } from './format';
import { formatTimeAmount } from './units';

/** `256.0 MiB of 1.0 GiB`, `256.0 MiB (unlimited)`, `256.0 MiB (no limit)`. */
export function storageUsageText(usage: UsageDto): string {
  const used = formatBytes(usage.storage.usedBytes);
  if (usage.tier?.unlimited) return `${used} (unlimited)`;
  const limit = usage.storage.limitBytes;
  return limit === null ? `${used} (no limit)` : `${used} of ${formatBytes(limit)}`;
}

/** `12 min of 30 min`, `12 min (unlimited)`, `12 min (no limit)`. */
export function renderUsageText(usage: UsageDto): string {
  const used = formatTimeAmount(usage.render.usedSecondsThisMonth);
  if (usage.tier?.unlimited) return `${used} (unlimited)`;
  const limit = usage.render.limitSeconds;
  return limit === null ? `${used} (no limit)` : `${used} of ${formatTimeAmount(limit)}`;
}

/** Share of a limit used, 0–100; null without a limit. */
export function percentUsed(used: number, limit: number | null): number | null {
  if (limit === null) return null;
  if (limit <= 0) return 100;
  return Math.min(100, (used / limit) * 100);
}

/** Render seconds left this month; null: no limit. */
export function renderSecondsLeft(usage: UsageDto): number | null {
  if (usage.tier?.unlimited || usage.render.limitSeconds === null) return null;
  return Math.max(0, usage.render.limitSeconds - usage.render.usedSecondsThisMonth);
}

/**
 * Whether compilations carry the watermark: the user's override first, then no tier → on, the
 * unlimited tier → off, else the tier's setting.
 */
export function watermarkOn(usage: UsageDto, override: WatermarkOverride = 'default'): boolean {
  if (override === 'never') return false;
  if (override === 'always') return true;
  if (!usage.tier) return true;
  return !usage.tier.unlimited && usage.tier.watermark;
}
