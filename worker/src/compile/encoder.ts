import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { CompileEncoder, CompileOutputProfile } from '@clippyfront/shared';
import type { CompileSettings } from './compile-settings.js';
import { FfmpegCancelledError, oncePerBinary, runFfmpeg } from './ffmpeg-process.js';
import { outputFormatOf } from './output-format.js';

const execFileAsync = promisify(execFile);

export interface EncoderChoice {
  encoder: CompileEncoder;
  /** Why: "NVENC test encode succeeded", "FFMPEG_DISABLE_NVENC is set", the failure… */
  reason: string;
}

/** Whether `ffmpeg -encoders` lists this video encoder. */
export async function listsEncoder(ffmpeg: string, name: string): Promise<boolean> {
  const { stdout } = await execFileAsync(ffmpeg, ['-hide_banner', '-encoders'], {
    timeout: 30_000,
  }).catch(() => ({ stdout: '' }));
  return new RegExp(`^\\s*V\\S*\\s+${name}\\s`, 'm').test(stdout);
}

/** A one-frame test encode: null when it worked, else ffmpeg's error text. */
export async function testEncode(ffmpeg: string, codec: string): Promise<string | null> {
  try {
    await runFfmpeg(
      ffmpeg,
      [
        ...['-v', 'error', '-f', 'lavfi', '-i', 'color=black:s=256x256:r=30', '-frames:v', '1'],
        ...['-c:v', codec, '-f', 'null', '-'],
      ],
      { signal: new AbortController().signal, timeoutSeconds: 30 },
    );
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^ffmpeg failed \([^)]*\): /, '');
  }
}

export interface NvencProbe {
  /** Whether ffmpeg lists h264_nvenc. */
  listed: boolean;
  /** The one-frame test encode ran (only when listed) and worked. */
  works: boolean;
  /** ffmpeg's error text when the test encode failed. */
  error: string | null;
}

/** Whether NVENC works with this ffmpeg: asked once per binary for the life of the process. */
export const probeNvenc = oncePerBinary(async function probe(ffmpeg: string): Promise<NvencProbe> {
  if (!(await listsEncoder(ffmpeg, 'h264_nvenc')))
    return { listed: false, works: false, error: null };
  const error = await testEncode(ffmpeg, 'h264_nvenc');
  return { listed: true, works: error === null, error };
});

function nvencChoice(probe: NvencProbe): EncoderChoice {
  if (!probe.listed) return { encoder: 'libx264', reason: 'ffmpeg does not list h264_nvenc' };
  return probe.works
    ? { encoder: 'h264_nvenc', reason: 'NVENC test encode succeeded' }
    : { encoder: 'libx264', reason: `NVENC test encode failed: ${probe.error}` };
}

const nvencChoiceOf = oncePerBinary((ffmpeg) => probeNvenc(ffmpeg).then(nvencChoice));

/**
 * WebM: libvpx-vp9. H.264: NVENC when ffmpeg lists h264_nvenc and a one-frame test encode
 * succeeds; libx264 otherwise.
 */
export function chooseEncoder(
  ffmpeg: string,
  settings: Pick<CompileSettings, 'disableNvenc'>,
  profile: Pick<CompileOutputProfile, 'format'> = {},
): Promise<EncoderChoice> {
  if (outputFormatOf(profile).video === 'vp9') {
    return Promise.resolve({ encoder: 'libvpx-vp9', reason: 'WebM output is VP9' });
  }
  if (settings.disableNvenc) {
    return Promise.resolve({ encoder: 'libx264', reason: 'FFMPEG_DISABLE_NVENC is set' });
  }
  return nvencChoiceOf(ffmpeg);
}

/** VP9's constant quality for the profile's x264 CRF: about the same picture (23 → 33). */
export const vp9Crf = (crf: number) => Math.min(63, Math.max(0, crf + 10));

/**
 * libvpx-vp9 as fast as it goes (realtime deadline, cpu-used 8, row multithreading): on the
 * shared 2-core test machine 2 s of 720p30 encoded in 1.3–2.2 s. Constant quality (-b:v 0).
 */
function vp9Args(profile: CompileOutputProfile, settings: Pick<CompileSettings, 'encodeArgs'>) {
  return [
    ...['-c:v', 'libvpx-vp9', '-deadline', 'realtime', '-cpu-used', '8', '-row-mt', '1'],
    ...['-crf', String(vp9Crf(profile.crf)), '-b:v', '0', '-pix_fmt', 'yuv420p'],
    ...['-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709'],
    ...settings.encodeArgs,
  ];
}

/** Same options for every segment of a job: the join copies the streams as they are. */
export function videoEncoderArgs(
  encoder: CompileEncoder,
  profile: CompileOutputProfile,
  settings: Pick<CompileSettings, 'nvencPreset' | 'encodeArgs'>,
): string[] {
  if (encoder === 'libvpx-vp9') return vp9Args(profile, settings);
  const common = ['-pix_fmt', 'yuv420p', '-profile:v', 'high'];
  // Tagged alike, so every segment has the same SPS whatever its source said.
  const colour = ['-color_primaries', 'bt709', '-color_trc', 'bt709', '-colorspace', 'bt709'];
  const codec =
    encoder === 'h264_nvenc'
      ? ['-c:v', 'h264_nvenc', '-preset', settings.nvencPreset, '-rc', 'vbr']
      : ['-c:v', 'libx264', '-preset', profile.x264Preset ?? 'veryfast'];
  const quality =
    encoder === 'h264_nvenc'
      ? ['-cq', String(profile.crf), '-b:v', '0']
      : ['-crf', String(profile.crf)];
  return [...codec, ...quality, ...common, ...colour, ...settings.encodeArgs];
}

/**
 * Runs an encode with the job's encoder; when NVENC fails (not a cancel), the job switches to
 * libx264 for good and the same encode is redone on the CPU.
 */
export class JobEncoder {
  constructor(public current: CompileEncoder) {}

  async run<T>(
    encode: (encoder: CompileEncoder) => Promise<T>,
    onFallback: (error: Error) => void,
  ): Promise<{ value: T; encoder: CompileEncoder }> {
    const encoder = this.current;
    try {
      return { value: await encode(encoder), encoder };
    } catch (error) {
      if (encoder !== 'h264_nvenc' || error instanceof FfmpegCancelledError) throw error;
      this.current = 'libx264';
      onFallback(error as Error);
      return { value: await encode('libx264'), encoder: 'libx264' };
    }
  }
}
