import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { chooseEncoder, JobEncoder, videoEncoderArgs } from './encoder.js';
import { FfmpegCancelledError } from './ffmpeg-process.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clippyfront-encoder-spec-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A stand-in ffmpeg that records its calls; `-encoders` prints `listing`, others exit `code`. */
function fakeFfmpeg(
  name: string,
  listing: string,
  code: number,
): { path: string; calls: () => string[] } {
  const path = join(dir, name);
  const log = join(dir, `${name}.calls`);
  writeFileSync(log, '');
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      `echo "$*" >> '${log}'`,
      'case " $* " in *" -encoders "*) printf "%s\\n" "$LISTING"; exit 0 ;; esac',
      `exit ${code}`,
    ]
      .join('\n')
      .replace('$LISTING', listing),
    { mode: 0o755 },
  );
  return { path, calls: () => readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) };
}

const NVENC_LINE = ' V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)';
const X264_LINE = ' V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC (codec h264)';

describe('chooseEncoder', () => {
  it('uses libx264 without asking ffmpeg when FFMPEG_DISABLE_NVENC is set', async () => {
    await expect(chooseEncoder('/nonexistent/ffmpeg', { disableNvenc: true })).resolves.toEqual({
      encoder: 'libx264',
      reason: 'FFMPEG_DISABLE_NVENC is set',
    });
  });

  it('uses libx264 when ffmpeg does not list h264_nvenc', async () => {
    const fake = fakeFfmpeg('no-nvenc', X264_LINE, 0);
    const choice = await chooseEncoder(fake.path, { disableNvenc: false });
    expect(choice).toEqual({ encoder: 'libx264', reason: 'ffmpeg does not list h264_nvenc' });
    expect(fake.calls()).toEqual(['-hide_banner -encoders']);
  });

  it('uses NVENC after a successful test encode, and asks each binary only once', async () => {
    const fake = fakeFfmpeg('gpu', `${X264_LINE}\n${NVENC_LINE}`, 0);
    const first = await chooseEncoder(fake.path, { disableNvenc: false });
    const second = await chooseEncoder(fake.path, { disableNvenc: false });
    expect(first).toEqual({ encoder: 'h264_nvenc', reason: 'NVENC test encode succeeded' });
    expect(second).toBe(first);
    expect(fake.calls()).toHaveLength(2);
    expect(fake.calls()[1]).toMatch(/-frames:v 1 -c:v h264_nvenc -f null -$/);
  });

  it('uses libx264 when the test encode fails', async () => {
    const fake = fakeFfmpeg('broken-gpu', NVENC_LINE, 1);
    const choice = await chooseEncoder(fake.path, { disableNvenc: false });
    expect(choice.encoder).toBe('libx264');
    expect(choice.reason).toMatch(/^NVENC test encode failed/);
  });
});

describe('videoEncoderArgs', () => {
  const profile = { width: 1280, height: 720, fps: 30, crf: 23 };
  const settings = { nvencPreset: 'p5', encodeArgs: ['-tune', 'film'] };

  it('gives libx264 its preset and CRF, and the same tags and extra args to both', () => {
    const x264 = videoEncoderArgs('libx264', profile, settings);
    expect(x264.slice(0, 6)).toEqual(['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23']);
    const nvenc = videoEncoderArgs('h264_nvenc', profile, settings);
    expect(nvenc.slice(0, 10)).toEqual([
      '-c:v',
      'h264_nvenc',
      '-preset',
      'p5',
      '-rc',
      'vbr',
      '-cq',
      '23',
      '-b:v',
      '0',
    ]);
    for (const args of [x264, nvenc]) {
      expect(args).toEqual(expect.arrayContaining(['-pix_fmt', 'yuv420p', '-colorspace', 'bt709']));
      expect(args.slice(-2)).toEqual(['-tune', 'film']);
    }
  });
});

describe('JobEncoder', () => {
  it('redoes a failed NVENC encode with libx264 and stays on libx264', async () => {
    const encoder = new JobEncoder('h264_nvenc');
    const encode = jest.fn(async (used: string) => {
      if (used === 'h264_nvenc') throw new Error('No NVENC capable devices found');
      return used;
    });
    const onFallback = jest.fn();
    await expect(encoder.run(encode, onFallback)).resolves.toEqual({
      value: 'libx264',
      encoder: 'libx264',
    });
    expect(onFallback).toHaveBeenCalledWith(new Error('No NVENC capable devices found'));
    expect(encoder.current).toBe('libx264');
  });

  it('passes on libx264 failures and cancels as they are', async () => {
    await expect(
      new JobEncoder('libx264').run(() => Promise.reject(new Error('bad')), jest.fn()),
    ).rejects.toThrow('bad');
    const nvenc = new JobEncoder('h264_nvenc');
    await expect(
      nvenc.run(() => Promise.reject(new FfmpegCancelledError()), jest.fn()),
    ).rejects.toThrow('Cancelled');
    expect(nvenc.current).toBe('h264_nvenc');
  });
});
