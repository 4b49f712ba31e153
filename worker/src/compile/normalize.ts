import type { CompileEncoder, CompileOutputProfile } from '@clippyfront/shared';
import type { CompileSettings } from './compile-settings.js';
import { videoEncoderArgs } from './encoder.js';
import { runFfmpeg, timeoutFor } from './ffmpeg-process.js';
import type { OverlayGraph } from './overlay.js';
import type { SegmentSource } from './probe.js';

export const AUDIO_RATE = 48_000;
/** Raw PCM of the intermediates: signed 16-bit little-endian, stereo. */
export const PCM_FORMAT = { format: 's16le', codec: 'pcm_s16le', channels: 2 } as const;

/** A normalized segment: its video (H.264 in MOV) and its sound (raw PCM, see PCM_FORMAT). */
export interface SegmentFiles {
  video: string;
  audio: string;
}
/** One timescale for every intermediate, so the join's stream copy never rescales. */
export const VIDEO_TIMESCALE = 90_000;

export interface NormalizeRequest {
  ffmpeg: string;
  input: { url: string; inputOptions: string[] };
  source: SegmentSource;
  /** Clips are cut to this length. */
  maxSeconds?: number;
  profile: CompileOutputProfile;
  encoder: CompileEncoder;
  settings: Pick<CompileSettings, 'globalArgs' | 'encodeArgs' | 'nvencPreset'>;
  overlay?: OverlayGraph | null;
  output: SegmentFiles;
  signal: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** Whole frames at the output rate, never zero: the exact length of the normalized segment. */
export function segmentFrames(
  request: Pick<NormalizeRequest, 'source' | 'maxSeconds' | 'profile'>,
) {
  const seconds = Math.min(request.source.durationSeconds, request.maxSeconds ?? Infinity);
  return Math.max(1, Math.round(seconds * request.profile.fps));
}

/** Scale into the frame keeping the aspect ratio, letterbox/pillarbox the rest, exact frames. */
export function videoFilter(profile: CompileOutputProfile, frames: number): string {
  const { width: w, height: h, fps } = profile;
  return [
    `fps=${fps}:start_time=0`,
    // No colour matrix conversion here: asking swscale for one (out_color_matrix) tripled the
    // cost of scaling 1080p60 clips. Sources are HD (BT.709); segments are tagged BT.709.
    `scale=${w}:${h}:force_original_aspect_ratio=decrease:force_divisible_by=2`,
    `pad=${w}:${h}:(ow-iw)/2:(oh-ih)/2:color=black`,
    'setsar=1',
    'format=yuv420p',
    // A source whose video ends early is held on its last frame, then everything is cut at
    // exactly `frames`.
    'tpad=stop=-1:stop_mode=clone',
    `trim=end_frame=${frames}`,
    'setpts=PTS-STARTPTS',
  ].join(',');
}

/** 48 kHz float stereo, padded with silence and cut to exactly the video's length. */
export function audioFilter(hasAudio: boolean, samples: number): string {
  const format = `aformat=sample_fmts=fltp:channel_layouts=stereo`;
  const exact = `apad,atrim=end_sample=${samples},asetpts=N/SR/TB`;
  return hasAudio
    ? `[0:a:0]aresample=${AUDIO_RATE}:async=1:first_pts=0,${format},${exact}[a]`
    : `anullsrc=r=${AUDIO_RATE}:cl=stereo,${format},${exact}[a]`;
}

/**
 * One segment → its intermediates: H.264 in MOV with the job's encoder settings and a fixed
 * timescale, and raw PCM of exactly the same length (the soundtrack is encoded to AAC once, for
 * the whole compilation). Answers the exact duration.
 */
export async function normalizeSegment(request: NormalizeRequest): Promise<number> {
  const { profile, source, overlay } = request;
  const frames = segmentFrames(request);
  const seconds = frames / profile.fps;
  const samples = Math.round((frames * AUDIO_RATE) / profile.fps);
  const video = `[0:v:0]${videoFilter(profile, frames)}${overlay ? '[base];' + overlay.filter : '[v]'}`;
  // Read a little past the cut only: decoding the rest of a long clip would be wasted.
  const readLimit = request.maxSeconds && source.durationSeconds > request.maxSeconds;
  const args = [
    '-v',
    'error',
    ...request.settings.globalArgs,
    ...request.input.inputOptions,
    ...(readLimit ? ['-t', (seconds + 1).toFixed(3)] : []),
    '-i',
    request.input.url,
    ...(overlay?.inputs ?? []),
    '-filter_complex',
    `${video};${audioFilter(source.hasAudio, samples)}`,
    ...['-map', '[v]', ...videoEncoderArgs(request.encoder, profile, request.settings)],
    ...['-map_metadata', '-1', '-map_chapters', '-1'],
    ...['-video_track_timescale', String(VIDEO_TIMESCALE), '-f', 'mov', '-y', request.output.video],
    ...[
      '-map',
      '[a]',
      '-c:a',
      PCM_FORMAT.codec,
      '-f',
      PCM_FORMAT.format,
      '-y',
      request.output.audio,
    ],
  ];
  await runFfmpeg(request.ffmpeg, args, {
    signal: request.signal,
    timeoutSeconds: timeoutFor(seconds),
    expectedSeconds: seconds,
    onProgress: request.onProgress,
  });
  return seconds;
}
