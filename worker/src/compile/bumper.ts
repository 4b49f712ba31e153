import {
  BUMPER_SECONDS,
  type CompileEncoder,
  type CompileOutputProfile,
} from '@clippyfront/shared';
import type { SegmentSource } from './probe.js';

export const GENERATED_BUMPER_SECONDS = BUMPER_SECONDS;
/** Part of the cache key of the generated bumper: change it when the recipe below changes. */
export const GENERATED_BUMPER_RECIPE = 'tv-static-v2';
/** The static's grain: one noise cell per this many output pixels each way. */
const GRAIN = 8;

/**
 * The generated bumper's video bitrate cap. Noise new every frame barely compresses: uncapped,
 * half a second of full-resolution static was 8.4 MB at 1080p30. With coarse grain and this cap
 * it is ~80 KB. The cap changes x264's rate control only, not
 * its SPS/PPS, so the bumper still joins the other segments by stream copy.
 */
export function generatedBumperVideoArgs(encoder: CompileEncoder): string[] {
  // libvpx: a target bitrate with -crf is constrained quality, the target the most it spends.
  return encoder === 'libvpx-vp9' ? ['-b:v', '1M'] : ['-maxrate', '1M', '-bufsize', '500k'];
}

/**
 * Half a second of TV static (coarse grey luma noise, new every frame) with white noise, as a
 * lavfi input that goes through the same normalization as any file, so it joins like the rest.
 */
export function generatedBumperInput(profile: CompileOutputProfile): {
  input: { url: string; inputOptions: string[] };
  source: SegmentSource;
} {
  const d = GENERATED_BUMPER_SECONDS;
  const { width, height, fps } = profile;
  const cells = (pixels: number) => Math.max(2, Math.round(pixels / GRAIN / 2) * 2);
  const video =
    `color=c=gray:s=${cells(width)}x${cells(height)}:r=${fps}:d=${d},` +
    `noise=c0s=80:c0f=t+u,scale=${width}:${height}:flags=neighbor`;
  const audio = `anoisesrc=color=white:amplitude=0.15:r=48000:d=${d}`;
  return {
    input: { url: `${video}[out0];${audio}[out1]`, inputOptions: ['-f', 'lavfi'] },
    source: { durationSeconds: d, hasAudio: true },
  };
}
