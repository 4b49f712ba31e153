import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encoderReport } from './encoder-report.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clippyfront-encoder-report-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const NVENC_LINE = ' V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)';
const X264_LINE = ' V....D libx264              libx264 H.264 / AVC / MPEG-4 AVC (codec h264)';

/** A stand-in ffmpeg: lists `listing`; NVENC encodes fail with a driver error; x264 `x264Code`. */
function fakeFfmpeg(name: string, listing: string, x264Code = 0): string {
  const path = join(dir, name);
  writeFileSync(
    path,
    [
      '#!/bin/sh',
      `case " $* " in *" -encoders "*) printf '%s\\n' '${listing}'; exit 0 ;; esac`,
      'case " $* " in *h264_nvenc*) echo "Cannot load libcuda.so.1" >&2; exit 1 ;; esac',
      `case " $* " in *libx264*) echo "x264 broke" >&2; exit ${x264Code} ;; esac`,
      'case " $* " in *zscale*) echo "No such filter: zscale" >&2; exit 1 ;; esac',
      'exit 0',
    ].join('\n'),
    { mode: 0o755 },
  );
  return path;
}

const located = (path: string | null) => ({
  ffmpegPath: path,
  ffprobePath: path,
  version: path ? '7.1' : null,
  problems: path ? [] : ['ffmpeg not found in ./bin or PATH; install it or set FFMPEG_BINARY'],
});

describe('encoderReport', () => {
  it('NVENC listed but failing: its error text, libx264 chosen and working, no zscale', async () => {
    const report = await encoderReport(
      located(fakeFfmpeg('gpu-less', `${X264_LINE}\n${NVENC_LINE}`)),
      { disableNvenc: false },
    );
    expect(report).toMatchObject({
      ok: true,
      nvenc: { listed: true, testEncode: 'failed', disabled: false },
      libx264: { listed: true, testEncode: 'ok', error: null },
      zscale: false,
      chosen: { encoder: 'libx264' },
    });
    expect(report.nvenc.error).toContain('Cannot load libcuda.so.1');
    expect(report.summary).toMatch(/^Compile uses libx264: NVENC test encode failed: .*libcuda/);
  });

  it('no working H.264 encoder at all: not ok, and says why', async () => {
    const report = await encoderReport(located(fakeFfmpeg('broken', X264_LINE, 1)), {
      disableNvenc: false,
    });
    expect(report.ok).toBe(false);
    expect(report.nvenc).toMatchObject({ listed: false, testEncode: 'skipped' });
    expect(report.libx264).toMatchObject({
      testEncode: 'failed',
      error: expect.stringContaining('x264 broke'),
    });
    expect(report.summary).toMatch(
      /^No working H\.264 encoder: ffmpeg does not list h264_nvenc; libx264 test encode failed/,
    );
  });

  it('NVENC disabled: not tried', async () => {
    const report = await encoderReport(
      located(fakeFfmpeg('disabled', `${X264_LINE}\n${NVENC_LINE}`)),
      { disableNvenc: true },
    );
    expect(report.nvenc).toEqual({
      listed: true,
      testEncode: 'skipped',
      error: null,
      disabled: true,
    });
    expect(report.chosen).toEqual({ encoder: 'libx264', reason: 'FFMPEG_DISABLE_NVENC is set' });
  });

  it('without ffmpeg: nothing tried, the locator’s reason', async () => {
    const report = await encoderReport(located(null), { disableNvenc: false });
    expect(report).toMatchObject({ ok: false, chosen: null, zscale: null });
    expect(report.summary).toBe(
      'No encoder: ffmpeg not found in ./bin or PATH; install it or set FFMPEG_BINARY',
    );
  });
});
