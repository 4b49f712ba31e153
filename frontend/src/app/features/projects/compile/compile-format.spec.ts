import {
  chapterTime,
  compileSettingsSummary,
  compileStage,
  formatRenderTime,
  timelineSummary,
} from './compile-format';

describe('compile formatting', () => {
  it('sums up settings and the timeline', () => {
    expect(
      compileSettingsSummary({ resolution: '720p', fps: 30, format: 'mp4', quality: 'small' }),
    ).toBe('720p · 30 fps · MP4 · Small file quality');
    expect(
      compileSettingsSummary({ resolution: '2160p', fps: 25, format: 'webm', quality: 'high' }),
    ).toBe('2160p · 25 fps · WebM · High quality');
    // Compilations made before formats existed are MP4.
    expect(compileSettingsSummary({ resolution: '720p', fps: 60, quality: 'small' } as never)).toBe(
      '720p · 60 fps · MP4 · Small file quality',
    );
    expect(timelineSummary(0, 0)).toBe('No clips');
    expect(timelineSummary(1, 30)).toBe('1 clip · 0:30');
    expect(timelineSummary(2, 4.2)).toBe('2 clips · 0:04');
  });

  it('writes YouTube chapter times', () => {
    expect([0, 6.9, 65, 600, 3723].map(chapterTime)).toEqual([
      '00:00',
      '00:06',
      '01:05',
      '10:00',
      '1:02:03',
    ]);
    expect(chapterTime(Number.NaN)).toBe('00:00');
  });

  it('tells the stage from the newest log line', () => {
    expect(compileStage('queued', [])).toBe('Waiting for a worker…');
    expect(compileStage('running', null)).toBe('Starting…');
    expect(
      compileStage('running', ['Preparing clips', 'Processing clip 2/4: Ace — bob', '  ']),
    ).toBe('Processing clip 2/4: Ace — bob');
  });

  it('writes render times', () => {
    expect(formatRenderTime(4.25)).toBe('4.3 s');
    expect(formatRenderTime(42.3)).toBe('42 s');
    expect(formatRenderTime(125)).toBe('2 min 5 s');
    expect(formatRenderTime(null)).toBe('—');
  });
});
