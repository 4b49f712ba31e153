import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import type ffmpeg from 'fluent-ffmpeg';
import { FfmpegRepository } from './ffmpeg.repository.js';
import { FfmpegMissingError, type FfmpegLocation } from './ffmpeg-locator.js';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'clippyfront-repository-spec-'));
});

afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

const lavfiClip = (output: string) => (command: ffmpeg.FfmpegCommand) =>
  command
    .input('testsrc2=size=64x48:rate=10:duration=1')
    .inputFormat('lavfi')
    .outputOptions(['-c:v libx264', '-preset ultrafast'])
    .output(output);

describe('FfmpegRepository', () => {
  it('refuses to run without ffmpeg, naming the problems', () => {
    const repository = new FfmpegRepository({
      ffmpegPath: null,
      ffprobePath: '/usr/bin/ffprobe',
      version: null,
      problems: ['ffmpeg not found in ./bin or PATH; install it or set FFMPEG_BINARY'],
    });
    const configure = jest.fn();
    expect(() =>
      repository.run(configure, { signal: new AbortController().signal, timeoutSeconds: 5 }),
    ).toThrow(FfmpegMissingError);
    expect(() => repository.probe('/nonexistent.mp4')).toThrow(/FFMPEG_BINARY/);
    expect(configure).not.toHaveBeenCalled();
  });

  it('does not start anything for a signal that is already aborted', async () => {
    const repository = new FfmpegRepository({
      ffmpegPath: '/bin/false',
      ffprobePath: '/bin/false',
      version: 'x',
      problems: [],
    });
    const abort = new AbortController();
    abort.abort();
    const configure = jest.fn();
    await expect(
      repository.run(configure, { signal: abort.signal, timeoutSeconds: 5 }),
    ).rejects.toThrow('Cancelled');
    expect(configure).not.toHaveBeenCalled();
  });

  const withFfmpeg = existsSync('/usr/bin/ffmpeg') ? it : it.skip;

  // A cancel during fluent-ffmpeg's capability checks (before ffmpeg is spawned) must still stop
  // the encode; the stand-in answers those checks slowly and "encodes" for 5 s.
  withFfmpeg(
    'stops promptly when cancelled before ffmpeg has been spawned',
    async () => {
      const fake = join(root, 'ffmpeg');
      writeFileSync(
        fake,
        [
          '#!/bin/sh',
          'case "$1" in',
          '  -formats|-encoders|-codecs|-filters) sleep 0.3; exec /usr/bin/ffmpeg "$@" ;;',
          'esac',
          'exec sleep 5',
        ].join('\n'),
        { mode: 0o755 },
      );
      const location: FfmpegLocation = {
        ffmpegPath: fake,
        ffprobePath: '/usr/bin/ffprobe',
        version: 'fake',
        problems: [],
      };
      const abort = new AbortController();
      const running = new FfmpegRepository(location).run(lavfiClip(join(root, 'out.mp4')), {
        signal: abort.signal,
        timeoutSeconds: 30,
      });
      const settled = running.catch((error: Error) => error);

      await new Promise((resolve) => setTimeout(resolve, 150)); // inside the capability checks
      const abortedAt = Date.now();
      abort.abort();
      const error = await settled;

      expect(error).toEqual(new Error('Cancelled'));
      expect(Date.now() - abortedAt).toBeLessThan(2500);
    },
    30_000,
  );
});
