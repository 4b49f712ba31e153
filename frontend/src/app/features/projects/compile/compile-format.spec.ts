import {
  chapterTime,
  compileSettingsSummary,
  compileStage,
  defaultCompileSettings,
  formatRenderTime,
  nearestCompileFps,
  timelineSummary,
} from './compile-format';

describe('compile formatting', () => {
  it('starts from the project’s output, within what a compile offers', () => {
    expect(defaultCompileSettings({ resolution: '720p', fps: 60 })).toEqual({
      resolution: '720p',
      fps: 60,
      quality: 'standard',
    });
    expect(defaultCompileSettings({ resolution: '2160p', fps: 25 })).toEqual({
      resolution: '1080p',
      fps: 30,
      quality: 'standard',
    });
    expect(defaultCompileSettings({ resolution: '1440p', fps: 50 })).toMatchObject({
      resolution: '1080p',
      fps: 60,
    });
    expect(defaultCompileSettings(null)).toEqual({
      resolution: '1080p',
      fps: 30,
      quality: 'standard',
    });
  });

  it('rounds the frame rate to the nearer of 30 and 60', () => {
    expect([24, 25, 30, 44, 45, 46, 50, 60, 120].map(nearestCompileFps)).toEqual([
      30, 30, 30, 30, 30, 60, 60, 60, 60,
    ]);
  });

  it('sums up settings and the timeline', () => {
    expect(compileSettingsSummary({ resolution: '720p', fps: 30, quality: 'small' })).toBe(
      '720p · 30 fps · Small file quality',
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
