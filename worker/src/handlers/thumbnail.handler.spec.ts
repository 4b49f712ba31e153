import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JobPayloads } from '@clippyfront/shared';
import { FfmpegRepository } from '../ffmpeg/ffmpeg.repository.js';
import { loadCompileSettings } from '../compile/compile-settings.js';
import { locateFfmpeg } from '../ffmpeg/ffmpeg-locator.js';
import type { JobContext } from './job-context.js';
import { thumbnailHandler, thumbnailSeekSeconds } from './thumbnail.handler.js';

describe('thumbnailSeekSeconds', () => {
  it('looks 10 % in, at most 30 s, and at the start when the duration is unknown', () => {
    expect(thumbnailSeekSeconds(null)).toBe(0);
    expect(thumbnailSeekSeconds(0)).toBe(0);
    expect(thumbnailSeekSeconds(20)).toBe(2);
    expect(thumbnailSeekSeconds(3600)).toBe(30);
  });
});

describe('thumbnailHandler (real ffmpeg, local input)', () => {
  const folder = mkdtempSync(join(tmpdir(), 'clippyfront-thumb-spec-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  async function run(
    input: string,
    payload: JobPayloads['thumbnail'],
    env: Record<string, string> = {},
  ) {
    const ffmpeg = await locateFfmpeg({});
    const saved = join(folder, `saved-${Math.random()}.jpg`);
    const workDir = mkdtempSync(join(folder, 'work-'));
    const ctx: JobContext<'thumbnail'> = {
      jobId: 'job-1',
      payload,
      attempt: 1,
      signal: new AbortController().signal,
      ffmpeg,
      workDir,
      media: {
        input: async () => ({ url: input, inputOptions: [] }),
        saveThumbnail: async (localPath) => copyFileSync(localPath, saved),
        saveOutput: () => Promise.reject(new Error('not in this test')),
        localCopy: () => Promise.reject(new Error('not in this test')),
        avatar: () => Promise.reject(new Error('not in this test')),
      },
      compile: loadCompileSettings(env),
      progress: () => undefined,
      log: () => undefined,
    };
    const result = await thumbnailHandler(ctx);
    return { result, probed: await new FfmpegRepository(ffmpeg).probe(saved) };
  }

  it('fits a tall image into the 480 px box without distorting it', async () => {
    const input = join(folder, 'tall.png');
    execFileSync(
      'ffmpeg',
      ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=600x1200'].concat([
        '-frames:v',
        '1',
        input,
      ]),
    );
    const { result, probed } = await run(input, {
      mediaId: 'm',
      isImage: true,
      durationSeconds: null,
    });
    expect(result).toMatchObject({ width: 240, height: 480 });
    expect(probed.video).toMatchObject({ codec: 'mjpeg', width: 240, height: 480 });
  });

  it('takes a frame from a video', async () => {
    const input = join(folder, 'clip.mp4');
    execFileSync(
      'ffmpeg',
      ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25'].concat([
        '-t',
        '3',
        '-c:v',
        'libx264',
        '-preset',
        'ultrafast',
        '-pix_fmt',
        'yuv420p',
        input,
      ]),
    );
    const { result } = await run(input, { mediaId: 'm', isImage: false, durationSeconds: 3 });
    expect(result).toMatchObject({ width: 480, height: 270 });
    expect(result.sizeBytes).toBeGreaterThan(1000);
  });

  it('honours FFMPEG_THUMBNAIL_ARGS, FFMPEG_GLOBAL_ARGS and FFPROBE_ARGS', async () => {
    const input = join(folder, 'wide.png');
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'testsrc2=size=640x360',
      '-frames:v',
      '1',
      input,
    ]);
    const image = { mediaId: 'm', isImage: true, durationSeconds: null };
    // A later -vf replaces ours: proof the arguments reach the thumbnail's ffmpeg.
    const small = await run(input, image, { FFMPEG_THUMBNAIL_ARGS: '-vf scale=64:36' });
    expect(small.result).toMatchObject({ width: 64, height: 36 });
    await expect(
      run(input, image, { FFMPEG_GLOBAL_ARGS: '-no-such-global-option' }),
    ).rejects.toThrow(/no-such-global-option/);
    await expect(run(input, image, { FFPROBE_ARGS: '-no-such-probe-option' })).rejects.toThrow(
      /ffprobe failed/,
    );
  });

  it('fails clearly when the media cannot be read', async () => {
    await expect(
      run(join(folder, 'missing.mp4'), { mediaId: 'm', isImage: false, durationSeconds: 3 }),
    ).rejects.toThrow(/No such file/);
  });
});
