import type { CompileOutputProfile } from '@clippyfront/shared';
import type { SegmentSource } from './probe.js';

export const GENERATED_BUMPER_SECONDS = 0.5;
/** Part of the cache key of the generated bumper: change it when the recipe below changes. */
export const GENERATED_BUMPER_RECIPE = 'tv-static-v1';

/**
 * Half a second of TV static (grey luma noise, new every frame) with white noise, as a lavfi
 * input that goes through the same normalization as any file, so it joins like the rest.
 */
export function generatedBumperInput(profile: CompileOutputProfile): {
  input: { url: string; inputOptions: string[] };
  source: SegmentSource;
} {
  const d = GENERATED_BUMPER_SECONDS;
  const { width, height, fps } = profile;
  const video = `color=c=gray:s=${width}x${height}:r=${fps}:d=${d},noise=c0s=100:c0f=t+u`;
  const audio = `anoisesrc=color=white:amplitude=0.15:r=48000:d=${d}`;
  return {
    input: { url: `${video}[out0];${audio}[out1]`, inputOptions: ['-f', 'lavfi'] },
    source: { durationSeconds: d, hasAudio: true },
  };
}
