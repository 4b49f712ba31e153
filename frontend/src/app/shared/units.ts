/** Human units for tier limits: GB (1024³ bytes, as the seeded tiers count them), minutes, hours. */

export const BYTES_PER_GB = 1024 ** 3;

export const TIME_UNITS = ['minutes', 'hours'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];
export const SECONDS_PER: Record<TimeUnit, number> = { minutes: 60, hours: 3600 };

/** `1.5` GB → whole bytes. */
export function gbToBytes(gb: number): number {
  return Math.round(gb * BYTES_PER_GB);
}

/** Bytes → GB, at most 3 decimals (`1073741824` → `1`). */
export function bytesToGb(bytes: number): number {
  return Number((bytes / BYTES_PER_GB).toFixed(3));
}

/** A number of minutes or hours → whole seconds. */
export function toSeconds(amount: number, unit: TimeUnit): number {
  return Math.round(amount * SECONDS_PER[unit]);
}

/** Seconds as the unit that reads best: whole hours in hours, anything else in minutes. */
export function fromSeconds(seconds: number): { amount: number; unit: TimeUnit } {
  if (seconds > 0 && seconds % SECONDS_PER.hours === 0) {
    return { amount: seconds / SECONDS_PER.hours, unit: 'hours' };
  }
  return { amount: Number((seconds / SECONDS_PER.minutes).toFixed(3)), unit: 'minutes' };
}

/** An amount of time for people: `45 s`, `2 min 5 s`, `30 min`, `6 h`, `1 h 30 min`. */
export function formatTimeAmount(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const total = Math.round(seconds);
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  if (hours > 0) return minutes ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return rest ? `${minutes} min ${rest} s` : `${minutes} min`;
  return `${rest} s`;
}

/**
 * A number typed by a person: `''` (blank) → null, `' 1.5 '` / `'1,5'` → 1.5, anything else
 * that is not a finite number → NaN.
 */
export function parseAmount(text: string | null | undefined): number | null {
  const trimmed = (text ?? '').trim().replace(',', '.');
  if (trimmed === '') return null;
  return /^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed) ? Number(trimmed) : NaN;
}
