import { defaultCompileSettings, nearestCompileFps } from './compilations.js';

describe('compile settings', () => {
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
});
