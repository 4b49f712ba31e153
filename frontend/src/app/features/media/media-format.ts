import { MEDIA_SORTS, type MediaDto, type MediaSort, type MediaType } from '@clippyfront/shared';
import { formatBytes } from '../../shared/format';

export const MEDIA_TYPE_LABELS: Record<MediaType, string> = {
  intro: 'Intro',
  clip: 'Clip',
  outro: 'Outro',
  transition: 'Transition',
  compilation: 'Compilation',
  image: 'Image',
};

export const MEDIA_SORT_LABELS: Record<MediaSort, string> = {
  newest: 'Newest first',
  oldest: 'Oldest first',
  name: 'Name',
  size: 'Largest first',
  duration: 'Longest first',
};

export const MEDIA_SORT_OPTIONS = MEDIA_SORTS.map((value) => ({
  value,
  label: MEDIA_SORT_LABELS[value],
}));

/** `83.4` → `1:23`; `3725` → `1:02:05`. */
export function formatClock(seconds: number | null | undefined): string | null {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return null;
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

/** `1:23 · 1920×1080 · 48.2 MiB`: whatever the media has of duration, resolution and size. */
export function mediaSummary(media: MediaDto): string {
  const parts = [formatClock(media.durationSeconds)];
  if (media.width && media.height) parts.push(`${media.width}×${media.height}`);
  parts.push(formatBytes(media.sizeBytes));
  return parts.filter((p): p is string => p !== null).join(' · ');
}

/** Upload speed in decimal megabytes, as download tools show it: `2.4 MB/s`. */
export function formatRate(bytesPerSecond: number | null | undefined): string {
  if (bytesPerSecond == null || !Number.isFinite(bytesPerSecond) || bytesPerSecond < 0) return '—';
  const mb = bytesPerSecond / 1_000_000;
  return `${mb >= 10 ? mb.toFixed(0) : mb.toFixed(1)} MB/s`;
}
