import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { encodeAudioTrack, loudnessGain, MAX_GAIN_DB, TARGET_LUFS } from './audio-track.js';
import { FFMPEG } from './test-media.spec-helper.js';

const execFileAsync = promisify(execFile);
const withFfmpeg = existsSync(FFMPEG) ? it : it.skip;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'clippyfront-audio-track-spec-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Seconds of a 440 Hz sine of peak `amplitude`, as the segments' raw PCM (s16le, stereo). */
async function pcmSine(name: string, amplitude: number, seconds: number): Promise<string> {
  const file = join(dir, `${name}.pcm`);
  await execFileAsync(FFMPEG, [
    ...['-v', 'error', '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:d=${seconds}`],
    ...['-af', `volume=${amplitude * 8},pan=stereo|c0=c0|c1=c0`],
    ...['-c:a', 'pcm_s16le', '-f', 's16le', file],
  ]);
  return file;
}

/** Peak level (dBFS) and samples per channel of the decoded soundtrack. */
async function decoded(file: string): Promise<{ peakDb: number; samples: number }> {
  const { stderr } = await execFileAsync(FFMPEG, [
    ...['-hide_banner', '-nostats', '-i', file, '-af', 'astats=measure_perchannel=none'],
    ...['-f', 'null', '-'],
  ]);
  const overall = stderr.slice(stderr.indexOf('Overall'));
  return {
    peakDb: Number(/Peak level dB: (-?[\d.]+)/.exec(overall)![1]),
    samples: Number(/Number of samples: (\d+)/.exec(overall)![1]),
  };
}

describe('loudnessGain', () => {
  it('brings a segment to the target, boosts at most MAX_GAIN_DB, leaves silence alone', () => {
    expect(loudnessGain(TARGET_LUFS)).toBe(1);
    expect(20 * Math.log10(loudnessGain(-26))).toBeCloseTo(10, 6);
    expect(20 * Math.log10(loudnessGain(-6))).toBeCloseTo(-10, 6);
    expect(20 * Math.log10(loudnessGain(-60))).toBeCloseTo(MAX_GAIN_DB, 6);
    expect(loudnessGain(null)).toBe(1);
  });
});

describe('encodeAudioTrack', () => {
  withFfmpeg('scales each segment by its gain, limits the peaks, keeps every sample', async () => {
    // 0.9 peak said to measure -30 LUFS: +14 dB would clip; the limiter holds it under -1.5 dB.
    const loud = await pcmSine('loud', 0.9, 1);
    const quiet = await pcmSine('quiet', 0.1, 1.5);
    const output = join(dir, 'soundtrack.m4a');
    const segments = [
      { audio: loud, loudnessLufs: -30 },
      { audio: quiet, loudnessLufs: null },
    ];
    const request = {
      ffmpeg: FFMPEG,
      segments: segments.map((segment) => () => Promise.resolve(segment)),
      timeoutSeconds: 60,
      output,
      globalArgs: [],
      signal: new AbortController().signal,
    };
    await encodeAudioTrack({ ...request, loudnorm: true });
    const limited = await decoded(output);
    // Decoding adds the padding of the last AAC frame (less than 1024 samples).
    expect(limited.samples - 2.5 * 48000).toBeGreaterThanOrEqual(0);
    expect(limited.samples - 2.5 * 48000).toBeLessThan(1024);
    expect(limited.peakDb).toBeLessThanOrEqual(-1.5);
    expect(limited.peakDb).toBeGreaterThan(-3);

    await encodeAudioTrack({ ...request, loudnorm: false });
    const asIs = await decoded(output);
    expect(asIs.samples).toBe(limited.samples);
    expect(asIs.peakDb).toBeGreaterThan(-1.5);
  });
});
