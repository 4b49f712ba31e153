import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { CompilePayload } from '@clippyfront/shared';
import { compileVideo } from './compile.js';
import { loadCompileSettings, type CompileSettings } from './compile-settings.js';
import { FFMPEG, FFPROBE, makeClip, makeImage } from './test-media.spec-helper.js';

const withFfmpeg = existsSync(FFMPEG) && existsSync(FFPROBE) ? describe : describe.skip;
const run = promisify(execFile);
const OUT = { width: 640, height: 360, fps: 30, crf: 18 };

/** The brightest luma-ish value (max of R, G, B) in a region of the frame at 1 s. */
async function brightest(file: string, x: number, y: number, w: number, h: number) {
  const { stdout } = await run(
    FFMPEG,
    ['-v', 'error', '-ss', '1', '-i', file, '-frames:v', '1', '-vf'].concat([
      `crop=${w}:${h}:${x}:${y},format=rgb24`,
      '-f',
      'rawvideo',
      '-',
    ]),
    { encoding: 'buffer' },
  );
  return (stdout as Buffer).reduce((max, value) => Math.max(max, value), 0);
}

withFfmpeg('the watermark in a rendered compilation (real ffmpeg)', () => {
  let root: string;
  let black: string;
  let logo: string;

  const render = async (name: string, watermark: boolean, settings: Partial<CompileSettings>) => {
    const work = join(root, name);
    mkdirSync(work);
    const payload: CompilePayload = {
      projectId: 'p',
      output: OUT,
      clips: [
        {
          clipId: 'c',
          mediaId: 'black',
          title: 'Dark',
          creatorName: null,
          gameName: null,
          avatarAvailable: false,
          maxSeconds: 30,
        },
      ],
      transitions: [],
      randomizeTransitions: false,
      seed: 1,
      watermark,
    };
    const outputPath = join(work, 'out.mp4');
    await compileVideo({
      payload,
      ffmpegPath: FFMPEG,
      ffprobePath: FFPROBE,
      settings: { ...loadCompileSettings({}), cacheDir: join(root, 'cache'), ...settings },
      sources: {
        clipInput: async () => ({ url: black, inputOptions: [] }),
        assetFile: async () => black,
        avatarFile: async () => black,
      },
      workDir: work,
      outputPath,
      signal: new AbortController().signal,
      progress: () => undefined,
      log: () => undefined,
    });
    return outputPath;
  };

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'clippyfront-watermark-'));
    black = await makeClip(root, 'black', {
      width: 640,
      height: 360,
      fps: 30,
      seconds: 2,
      rgb: [0, 0, 0],
      audio: null,
    });
    // 64x32, under the 9 % of the frame height a logo is scaled down to: drawn as it is.
    logo = makeImage(root, 'logo', 64, [255, 255, 255], 32);
  });

  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('draws an image bottom-right, 20 px from the edges, at 0.3 opacity', async () => {
    const file = await render('image', true, { watermarkPath: logo });
    // The logo covers x 556–619, y 308–339 of the 640x360 frame.
    const inside = await brightest(file, 566, 314, 44, 20);
    expect(inside).toBeGreaterThan(255 * 0.3 - 20);
    expect(inside).toBeLessThan(255 * 0.3 + 20);
    // The 20 px margin and the rest of the frame stay black.
    expect(await brightest(file, 624, 0, 16, 360)).toBeLessThan(12);
    expect(await brightest(file, 0, 344, 640, 16)).toBeLessThan(12);
    expect(await brightest(file, 0, 0, 540, 300)).toBeLessThan(12);
  });

  it('draws the text faintly in the same corner when there is no image', async () => {
    const file = await render('text', true, { watermarkText: 'ClippyFront' });
    const corner = await brightest(file, 400, 300, 220, 40);
    expect(corner).toBeGreaterThan(40);
    expect(corner).toBeLessThan(255 * 0.3 + 25);
    expect(await brightest(file, 0, 0, 400, 300)).toBeLessThan(12);
  });

  it('draws nothing when the policy says no watermark', async () => {
    const file = await render('none', false, { watermarkPath: logo });
    expect(await brightest(file, 0, 0, 640, 360)).toBeLessThan(12);
  });
});
