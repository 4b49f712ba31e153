import type { CompileOutputProfile } from '@clippyfront/shared';
import { oncePerBinary, runFfmpeg } from './ffmpeg-process.js';

/** Whether this ffmpeg resizes with zscale (zimg): a one-frame test resize, once per binary. */
export const hasZscale = oncePerBinary((ffmpeg) =>
  runFfmpeg(
    ffmpeg,
    [
      ...['-v', 'error', '-f', 'lavfi', '-i', 'color=black:s=64x64:r=1', '-frames:v', '1'],
      ...['-vf', 'zscale=w=32:h=32:filter=bicubic', '-f', 'null', '-'],
    ],
    { signal: new AbortController().signal, timeoutSeconds: 30 },
  ).then(
    () => true,
    () => false,
  ),
);

/**
 * Scales a frame into the output keeping its aspect ratio (even sizes; `pad` letterboxes the
 * rest). zscale costs half of what swscale does resizing 1080p to 720p at the same quality, but
 * it refuses odd sizes and converting RGB to YUV without a colour matrix, so the frame is made
 * yuv420p first (nothing to do for the usual clip) and sources of unknown or odd size keep
 * swscale.
 */
export function scaleFilter(
  profile: Pick<CompileOutputProfile, 'width' | 'height'>,
  source: { width?: number; height?: number },
  zscale: boolean,
): string {
  const { width: w, height: h } = profile;
  const even = (n?: number) => !!n && n % 2 === 0;
  if (!zscale || !even(source.width) || !even(source.height)) {
    return `scale=${w}:${h}:force_original_aspect_ratio=decrease:force_divisible_by=2`;
  }
  const width = `min(${w}\\,trunc(iw*${h}/ih/2)*2)`;
  const height = `min(${h}\\,trunc(ih*${w}/iw/2)*2)`;
  return `format=yuv420p,zscale=w=${width}:h=${height}:filter=bicubic`;
}
