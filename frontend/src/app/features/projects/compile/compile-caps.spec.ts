import {
  capSettings,
  capsLimitChoices,
  clipCapReason,
  fpsAllowed,
  renderQuotaReason,
  resolutionAllowed,
} from './compile-caps';

const settings = { resolution: '2160p', fps: 60, format: 'mp4', quality: 'standard' } as const;

describe('compile caps', () => {
  it('allows what is at or below the plan’s caps', () => {
    const caps = { maxResolution: '1080p', maxFps: 30 } as const;
    expect(resolutionAllowed('720p', caps)).toBe(true);
    expect(resolutionAllowed('1080p', caps)).toBe(true);
    expect(resolutionAllowed('1440p', caps)).toBe(false);
    expect(fpsAllowed(30, caps)).toBe(true);
    expect(fpsAllowed(50, caps)).toBe(false);
    expect(resolutionAllowed('2160p', null)).toBe(true);
    expect(fpsAllowed(60, null)).toBe(true);
    // A cap below every choice leaves the lowest one.
    expect(fpsAllowed(24, { maxResolution: '720p', maxFps: 15 })).toBe(true);
    expect(fpsAllowed(25, { maxResolution: '720p', maxFps: 15 })).toBe(false);
  });

  it('lowers settings to the caps, never raises them', () => {
    expect(capSettings(settings, { maxResolution: '1080p', maxFps: 30 })).toEqual({
      ...settings,
      resolution: '1080p',
      fps: 30,
    });
    expect(capSettings(settings, { maxResolution: '1440p', maxFps: 55 })).toMatchObject({
      resolution: '1440p',
      fps: 50,
    });
    const low = { ...settings, resolution: '720p', fps: 24 } as const;
    expect(capSettings(low, { maxResolution: '2160p', maxFps: 60 })).toEqual(low);
    expect(capSettings(settings, null)).toBe(settings);
    expect(capSettings(settings, { maxResolution: '720p', maxFps: 10 })).toMatchObject({
      resolution: '720p',
      fps: 24,
    });
  });

  it('knows when the caps take choices away', () => {
    expect(capsLimitChoices({ maxResolution: '2160p', maxFps: 60 })).toBe(false);
    expect(capsLimitChoices({ maxResolution: '2160p', maxFps: 30 })).toBe(true);
    expect(capsLimitChoices({ maxResolution: '1080p', maxFps: 60 })).toBe(true);
    expect(capsLimitChoices(null)).toBe(false);
  });

  it('says why the plan refuses too many clips or too long a compile', () => {
    expect(clipCapReason(20, 23)).toBe(
      'Your plan allows 20 clips per project; this timeline has 23.',
    );
    expect(clipCapReason(1, 2)).toBe('Your plan allows 1 clip per project; this timeline has 2.');
    expect(clipCapReason(20, 20)).toBeNull();
    expect(clipCapReason(null, 500)).toBeNull();

    expect(renderQuotaReason(750, 300)).toBe(
      'This compile is about 12:30 long, but your plan has 5 min of render time left this month.',
    );
    expect(renderQuotaReason(300, 300)).toBeNull();
    expect(renderQuotaReason(300, null)).toBeNull();
    expect(renderQuotaReason(null, 0)).toBeNull();
  });
});
