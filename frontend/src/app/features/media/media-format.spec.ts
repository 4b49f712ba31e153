import { makeImage, makeMedia } from '../../../testing/media-fixtures';
import { formatClock, formatRate, mediaSummary } from './media-format';

describe('media formatting', () => {
  it('formats durations as a clock', () => {
    expect(formatClock(83.4)).toBe('1:23');
    expect(formatClock(3725)).toBe('1:02:05');
    expect(formatClock(0.4)).toBe('0:00');
    expect(formatClock(null)).toBeNull();
  });

  it('summarizes duration, resolution and size', () => {
    expect(mediaSummary(makeMedia())).toBe('1:23 · 1920×1080 · 1.5 MiB');
    expect(mediaSummary(makeImage())).toBe('512×512 · 20.0 KiB');
    expect(mediaSummary(makeMedia({ durationSeconds: null, width: null }))).toBe('1.5 MiB');
  });

  it('formats upload speeds in MB/s', () => {
    expect(formatRate(2_400_000)).toBe('2.4 MB/s');
    expect(formatRate(56_000_000)).toBe('56 MB/s');
    expect(formatRate(null)).toBe('—');
  });
});
