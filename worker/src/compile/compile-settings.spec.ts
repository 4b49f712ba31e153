import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadCompileSettings } from './compile-settings.js';

describe('loadCompileSettings', () => {
  it('has defaults that need no configuration', () => {
    const settings = loadCompileSettings({});
    expect(settings).toMatchObject({
      disableNvenc: false,
      nvencPreset: 'p4',
      globalArgs: [],
      encodeArgs: [],
      concatArgs: [],
      probeArgs: [],
      staticBumperPath: undefined,
      disableOverlay: false,
      watermarkText: 'ClippyFront',
      cacheDir: join(tmpdir(), 'clippyfront-cache', 'segments'),
      cacheMaxBytes: 2048 * 1024 * 1024,
    });
    expect(settings.segmentConcurrency).toBeGreaterThanOrEqual(2);
  });

  it('reads the original variables, splitting extra arguments like a shell', () => {
    const settings = loadCompileSettings({
      FFMPEG_DISABLE_NVENC: 'true',
      FFMPEG_NVENC_PRESET: 'p6',
      FFMPEG_GLOBAL_ARGS: '-threads 4',
      FFMPEG_ENCODE_ARGS: `-x264-params 'keyint=60:min-keyint=60'`,
      FFMPEG_CONCAT_ARGS: '-metadata "comment=made with ClippyFront"',
      STATIC_BUMPER_PATH: 'assets/static.mp4',
      DISABLE_OVERLAY: '1',
      COMPILE_SEGMENT_CONCURRENCY: '3',
      COMPILE_CACHE_MAX_MB: '500',
    });
    expect(settings).toMatchObject({
      disableNvenc: true,
      nvencPreset: 'p6',
      globalArgs: ['-threads', '4'],
      encodeArgs: ['-x264-params', 'keyint=60:min-keyint=60'],
      concatArgs: ['-metadata', 'comment=made with ClippyFront'],
      staticBumperPath: resolve('assets/static.mp4'),
      disableOverlay: true,
      segmentConcurrency: 3,
      cacheMaxBytes: 500 * 1024 * 1024,
    });
  });

  it('names a bad variable', () => {
    expect(() => loadCompileSettings({ FFMPEG_ENCODE_ARGS: `-x 'open` })).toThrow(
      /FFMPEG_ENCODE_ARGS: has an unclosed single quote/,
    );
    expect(() => loadCompileSettings({ COMPILE_SEGMENT_CONCURRENCY: '0' })).toThrow(
      /COMPILE_SEGMENT_CONCURRENCY/,
    );
    expect(() => loadCompileSettings({ COMPILE_CACHE_MAX_MB: 'lots' })).toThrow(
      /COMPILE_CACHE_MAX_MB/,
    );
  });
});
