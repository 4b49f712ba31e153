import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { normalizeSegment } from './normalize.js';
import { hasZscale, scaleFilter } from './scaler.js';
import { FFMPEG, FFPROBE, makeImage, near, pixelAt, type Rgb } from './test-media.spec-helper.js';

const withFfmpeg = existsSync(FFMPEG) ? it : it.skip;
const profile = { width: 320, height: 180, fps: 30, crf: 30 };
const SWSCALE = 'scale=320:180:force_original_aspect_ratio=decrease:force_divisible_by=2';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clippyfront-scaler-spec-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('scaleFilter', () => {
  it('resizes with zscale, into the frame keeping the aspect ratio, from yuv420p', () => {
    expect(scaleFilter(profile, { width: 1920, height: 1080 }, true)).toBe(
      String.raw`format=yuv420p,zscale=w=min(320\,trunc(iw*180/ih/2)*2):h=min(180\,trunc(ih*320/iw/2)*2):filter=bicubic`,
    );
  });

  it('keeps swscale without zscale, and for sizes zimg refuses (odd) or not known', () => {
    expect(scaleFilter(profile, { width: 1920, height: 1080 }, false)).toBe(SWSCALE);
    expect(scaleFilter(profile, { width: 1921, height: 1080 }, true)).toBe(SWSCALE);
    expect(scaleFilter(profile, { width: 1920, height: 1079 }, true)).toBe(SWSCALE);
    expect(scaleFilter(profile, {}, true)).toBe(SWSCALE);
  });
});

describe('hasZscale', () => {
  withFfmpeg(
    'answers whether the ffmpeg resizes with zscale, and no for one that fails',
    async () => {
      const listed = / zscale /.test(execFileSync(FFMPEG, ['-hide_banner', '-filters']).toString());
      expect(await hasZscale(FFMPEG)).toBe(listed);
      const broken = join(dir, 'ffmpeg-broken');
      writeFileSync(broken, '#!/bin/sh\nexit 1\n', { mode: 0o755 });
      expect(await hasZscale(broken)).toBe(false);
    },
  );
});

describe('segments resized with zscale', () => {
  const RED: Rgb = [220, 30, 30];
  const BLACK: Rgb = [0, 0, 0];

  /** Half a second of a `width`x`height` picture normalized into 320x180 with zscale. */
  async function normalize(name: string, width: number, height: number): Promise<string> {
    const input = makeImage(dir, name, width, RED, height);
    const output = { video: join(dir, `${name}.mov`), audio: join(dir, `${name}.pcm`) };
    await normalizeSegment({
      ffmpeg: FFMPEG,
      input: { url: input, inputOptions: ['-loop', '1', '-t', '0.5'] },
      source: { durationSeconds: 0.5, hasAudio: false, width, height },
      profile,
      encoder: 'libx264',
      settings: { globalArgs: [], encodeArgs: [], nvencPreset: 'p4' },
      zscale: true,
      output,
      signal: new AbortController().signal,
    });
    return output.video;
  }

  withFfmpeg('pillarboxes a portrait RGB picture (zimg needs it as YUV first)', async () => {
    const video = await normalize('portrait', 90, 160);
    const size = execFileSync(FFPROBE, [
      ...['-v', 'error', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', video],
    ]);
    expect(size.toString().trim()).toBe('320,180');
    // 90x160 into 320x180: 100x180 in the middle, black either side.
    expect(near(await pixelAt(video, 0.1, 160, 90), RED)).toBe(true);
    expect(near(await pixelAt(video, 0.1, 20, 90), BLACK)).toBe(true);
    expect(near(await pixelAt(video, 0.1, 300, 90), BLACK)).toBe(true);
  });

  withFfmpeg('falls back to swscale for an odd-sized picture, which zimg refuses', async () => {
    const video = await normalize('odd', 161, 91);
    expect(near(await pixelAt(video, 0.1, 160, 90), RED)).toBe(true);
  });
});
