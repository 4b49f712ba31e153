import { formatBytes, formatDuration, relativeTime } from './format';

describe('format helpers', () => {
  it('formats durations', () => {
    expect(formatDuration(12)).toBe('12s');
    expect(formatDuration(75)).toBe('1m 15s');
    expect(formatDuration(3_725)).toBe('1h 2m');
    expect(formatDuration(93_784)).toBe('1d 2h 3m');
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(-1)).toBe('—');
  });

  it('formats relative times against a given now', () => {
    const now = Date.parse('2026-01-01T12:00:00Z');
    expect(relativeTime('2026-01-01T12:00:00Z', now)).toBe('just now');
    expect(relativeTime('2026-01-01T11:59:30Z', now)).toBe('30 s ago');
    expect(relativeTime('2026-01-01T11:55:00Z', now)).toBe('5 min ago');
    expect(relativeTime('2026-01-01T09:00:00Z', now)).toBe('3 h ago');
    expect(relativeTime('2025-12-30T12:00:00Z', now)).toBe('2 d ago');
    expect(relativeTime(null, now)).toBe('—');
    expect(relativeTime('not a date', now)).toBe('—');
  });

  it('formats byte sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 * 1024)).toBe('5.0 MiB');
    expect(formatBytes(undefined)).toBe('—');
  });
});
