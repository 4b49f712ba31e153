import { COMPILE_FPS, defaultCompileSettings, nearestCompileFps } from './compilations.js';
import { OUTPUT_FORMATS, OUTPUT_FPS, OUTPUT_RESOLUTIONS } from './projects.js';

describe('compile settings', () => {
  it('starts from the project’s output: every resolution, frame rate and format it offers', () => {
    expect(defaultCompileSettings({ resolution: '720p', fps: 60, format: 'mp4' })).toEqual({
      resolution: '720p',
      fps: 60,
      format: 'mp4',
      quality: 'standard',
    });
    expect(defaultCompileSettings({ resolution: '2160p', fps: 25, format: 'webm' })).toEqual({
      resolution: '2160p',
      fps: 25,
      format: 'webm',
      quality: 'standard',
    });
    expect(defaultCompileSettings({ resolution: '1440p', fps: 50, format: 'mkv' })).toMatchObject({
      resolution: '1440p',
      fps: 50,
      format: 'mkv',
    });
    expect(defaultCompileSettings(null)).toEqual({
      resolution: '1080p',
      fps: 30,
      format: 'mp4',
      quality: 'standard',
    });
  });

  it('offers what the project form offers', () => {
    for (const resolution of OUTPUT_RESOLUTIONS) {
      for (const fps of OUTPUT_FPS) {
        for (const format of OUTPUT_FORMATS) {
          expect(defaultCompileSettings({ resolution, fps, format })).toMatchObject({
            resolution,
            fps,
            format,
          });
        }
      }
    }
  });

  it('rounds an unknown frame rate to the nearest offered one', () => {
    expect(COMPILE_FPS).toEqual([24, 25, 30, 50, 60]);
    expect([10, 24, 25, 27, 28, 40, 44, 50, 55, 60, 120].map(nearestCompileFps)).toEqual([
      24, 24, 25, 25, 30, 30, 50, 50, 50, 60, 60,
    ]);
  });
});
