import { DEFAULT_OUTPUT_SETTINGS } from '@clippyfront/shared';
import { clipTitle, defaultProjectName, formatViews, outputSummary } from './project-format';

describe('project format helpers', () => {
  it('summarises output settings', () => {
    expect(outputSummary(DEFAULT_OUTPUT_SETTINGS)).toBe('1080p · 30 fps · MP4 · clips ≤ 30 s');
  });

  it('uses the URL as title until the title is known', () => {
    expect(clipTitle({ title: 'Ace', sourceUrl: 'https://x.test/a' })).toBe('Ace');
    expect(clipTitle({ title: null, sourceUrl: 'https://x.test/a' })).toBe('https://x.test/a');
    expect(clipTitle({ title: '  ', sourceUrl: 'https://x.test/a' })).toBe('https://x.test/a');
  });

  it('formats view counts', () => {
    expect(formatViews(1)).toBe('1 view');
    expect(formatViews(0)).toBe('0 views');
    expect(formatViews(1_234_567)).toBe('1,234,567 views');
    expect(formatViews(null)).toBeNull();
  });

  it('names a project like the API does when the name is left blank', () => {
    expect(defaultProjectName(new Date(Date.UTC(2026, 0, 5, 23, 30)))).toBe(
      'Compilation of 2026-01-05',
    );
  });
});
