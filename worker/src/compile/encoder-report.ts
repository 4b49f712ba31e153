import type { CompileEncoder } from '@clippyfront/shared';
import type { FfmpegLocation } from '../ffmpeg/ffmpeg-locator.js';
import type { CompileSettings } from './compile-settings.js';
import { chooseEncoder, listsEncoder, probeNvenc, testEncode } from './encoder.js';
import { hasZscale } from './scaler.js';

export interface EncoderProbe {
  /** Whether `ffmpeg -encoders` lists it. */
  listed: boolean;
  /** The one-frame test encode: skipped when not listed (or NVENC is disabled). */
  testEncode: 'ok' | 'failed' | 'skipped';
  /** ffmpeg's error text when the test encode failed. */
  error: string | null;
}

/** What a compile on this machine uses, and why: the facts behind `chooseEncoder`. */
export interface EncoderReport {
  /** A working H.264 encoder exists (the chosen one passed its test encode). */
  ok: boolean;
  ffmpeg: { path: string | null; version: string | null; problems: string[] };
  nvenc: EncoderProbe & { disabled: boolean };
  libx264: EncoderProbe;
  /** Whether resizing uses zscale (faster) or swscale; null without ffmpeg. */
  zscale: boolean | null;
  /** The compile's choice for MP4 output, as the worker makes it. */
  chosen: { encoder: CompileEncoder; reason: string } | null;
  /** One line for people. */
  summary: string;
}

const SKIPPED: EncoderProbe = { listed: false, testEncode: 'skipped', error: null };

async function probeLibx264(ffmpeg: string): Promise<EncoderProbe> {
  const listed = await listsEncoder(ffmpeg, 'libx264');
  if (!listed) return { listed, testEncode: 'skipped', error: null };
  const error = await testEncode(ffmpeg, 'libx264');
  return { listed, testEncode: error === null ? 'ok' : 'failed', error };
}

async function nvencFacts(ffmpeg: string, disabled: boolean): Promise<EncoderProbe> {
  if (disabled)
    return { listed: await listsEncoder(ffmpeg, 'h264_nvenc'), testEncode: 'skipped', error: null };
  const probe = await probeNvenc(ffmpeg);
  const testEncode = !probe.listed ? 'skipped' : probe.works ? 'ok' : 'failed';
  return { listed: probe.listed, testEncode, error: probe.error };
}

export async function encoderReport(
  location: FfmpegLocation,
  settings: Pick<CompileSettings, 'disableNvenc'>,
): Promise<EncoderReport> {
  const ffmpeg = {
    path: location.ffmpegPath,
    version: location.version,
    problems: location.problems,
  };
  const disabled = settings.disableNvenc;
  if (!location.ffmpegPath || !location.version) {
    return {
      ok: false,
      ffmpeg,
      nvenc: { ...SKIPPED, disabled },
      libx264: SKIPPED,
      zscale: null,
      chosen: null,
      summary: `No encoder: ${location.problems.join('; ') || 'ffmpeg does not run'}`,
    };
  }
  const path = location.ffmpegPath;
  const [nvenc, libx264, zscale, chosen] = await Promise.all([
    nvencFacts(path, disabled),
    probeLibx264(path),
    hasZscale(path),
    chooseEncoder(path, settings),
  ]);
  const ok = chosen.encoder === 'h264_nvenc' || libx264.testEncode === 'ok';
  const summary = ok
    ? `Compile uses ${chosen.encoder}: ${chosen.reason}`
    : `No working H.264 encoder: ${chosen.reason}; libx264 ${libx264.listed ? `test encode failed: ${libx264.error}` : 'is not in this ffmpeg'}`;
  return { ok, ffmpeg, nvenc: { ...nvenc, disabled }, libx264, zscale, chosen, summary };
}
