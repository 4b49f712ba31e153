import type { CompileEncoder, CompileOutputProfile } from '@clippyfront/shared';
import { readFile, rm } from 'node:fs/promises';
import type { CompileSettings } from './compile-settings.js';
import { videoEncoderArgs } from './encoder.js';
import { runFfmpeg, timeoutFor } from './ffmpeg-process.js';
import { filterValue } from './filter-escape.js';
import type { OverlayGraph } from './overlay.js';
import type { SegmentThreads } from './segment-tasks.js';
import type { SegmentSource } from './probe.js';
import { scaleFilter } from './scaler.js';

export const AUDIO_RATE = 48_000;
/** Raw PCM of the intermediates: signed 16-bit little-endian, stereo. */
export const PCM_FORMAT = { format: 's16le', codec: 'pcm_s16le', channels: 2 } as const;

/** A normalized segment: its video (H.264 in MOV, VP9 in MP4) and its sound (raw PCM, see PCM_FORMAT). */
export interface SegmentFiles {
  video: string;
  audio: string;
}
/**
 * The intermediates' muxer: MOV for H.264 (see notes/compile.md); ffmpeg's MOV muxer refuses
 * VP9, its MP4 muxer takes it with the same fixed timescale.
 */
export const intermediateMuxer = (encoder: CompileEncoder) =>
  encoder === 'libvpx-vp9' ? 'mp4' : 'mov';

/** One timescale for every intermediate, so the join's stream copy never rescales. */
export const VIDEO_TIMESCALE = 90_000;

/** What normalizing a segment measured: its exact length and its loudness. */
export interface SegmentMeasure {
  durationSeconds: number;
  /**
   * EBU R128 integrated loudness of the segment's audio (LUFS), or null when there is nothing
   * to measure: silence (everything below the -70 LUFS gate) or less than one 400 ms block.
   */
  loudnessLufs: number | null;
}

export interface NormalizeRequest {
  ffmpeg: string;
  input: { url: string; inputOptions: string[] };
  source: SegmentSource;
  /** Clips are cut to this length. */
  maxSeconds?: number;
  profile: CompileOutputProfile;
  encoder: CompileEncoder;
  settings: Pick<CompileSettings, 'globalArgs' | 'encodeArgs' | 'nvencPreset'>;
  /**
   * Decoder and x264 threads when libx264 encodes (it shares the CPU with the decoder and the
   * other segments); unset, or NVENC: ffmpeg's choice.
   */
  threads?: SegmentThreads;
  /** Resize with zscale where it can (see scaleFilter); unset: swscale. */
  zscale?: boolean;
  overlay?: OverlayGraph | null;
  /** After the encoder's options: e.g. the generated bumper's bitrate cap (see bumper.ts). */
  extraVideoArgs?: string[];
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

/**
 * Scale into the frame keeping the aspect ratio (`scale`: see scaleFilter), letterbox/pillarbox
 * the rest, exact frames.
 */
export function videoFilter(
  profile: CompileOutputProfile,
  frames: number,
  scale = scaleFilter(profile, {}, false),
): string {
  const { width: w, height: h, fps } = profile;
  return [
    `fps=${fps}:start_time=0`,
    // No colour matrix conversion here: asking swscale for one (out_color_matrix) tripled the
    // cost of scaling 1080p60 clips. Sources are HD (BT.709); segments are tagged BT.709.
    scale,
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

/**
 * 48 kHz float stereo, padded with silence and cut to exactly the video's length. With
 * `loudnessFile`, the same pass measures the segment's EBU R128 loudness: ebur128's running
 * integrated loudness is written there for every 100 ms (the last line is the segment's).
 */
export function audioFilter(hasAudio: boolean, samples: number, loudnessFile?: string): string {
  const format = `aformat=sample_fmts=fltp:channel_layouts=stereo`;
  const exact = `apad,atrim=end_sample=${samples},asetpts=N/SR/TB`;
  const measure = loudnessFile
    ? `,ebur128=metadata=1,ametadata=mode=print:key=lavfi.r128.I:file=${filterValue(loudnessFile)}`
    : '';
  return hasAudio
    ? `[0:a:0]aresample=${AUDIO_RATE}:async=1:first_pts=0,${format},${exact}${measure}[a]`
    : `anullsrc=r=${AUDIO_RATE}:cl=stereo,${format},${exact}[a]`;
}

/** ebur128's gate: integrated loudness at or below this means nothing was measured. */
const SILENCE_LUFS = -70;

/** The last integrated loudness ametadata printed, or null (see SegmentMeasure). */
export function parseLoudness(printed: string): number | null {
  const values = [...printed.matchAll(/^lavfi\.r128\.I=(-?[\d.]+|-?inf|nan)\s*$/gm)];
  const last = Number(values.at(-1)?.[1]);
  return Number.isFinite(last) && last > SILENCE_LUFS + 0.05 ? last : null;
}

/**
 * One segment → its intermediates: H.264 in MOV with the job's encoder settings and a fixed
 * timescale, and raw PCM of exactly the same length (the soundtrack is encoded to AAC once, for
 * the whole compilation). Answers the exact duration and the audio's loudness, measured in the
 * same run.
 */
export async function normalizeSegment(request: NormalizeRequest): Promise<SegmentMeasure> {
  const { profile, source, overlay } = request;
  const frames = segmentFrames(request);
  const seconds = frames / profile.fps;
  const samples = Math.round((frames * AUDIO_RATE) / profile.fps);
  const scale = scaleFilter(profile, source, request.zscale ?? false);
  const video = `[0:v:0]${videoFilter(profile, frames, scale)}${overlay ? '[base];' + overlay.filter : '[v]'}`;
  // Read a little past the cut only: decoding the rest of a long clip would be wasted.
  const readLimit = request.maxSeconds && source.durationSeconds > request.maxSeconds;
  const threads = request.encoder === 'libx264' ? request.threads : undefined;
  // Beside the PCM: a cache entry's temporary name, or the job's folder.
  const loudnessFile = source.hasAudio ? `${request.output.audio}.r128` : undefined;
  const args = [
    '-v',
    'error',
    // Before FFMPEG_GLOBAL_ARGS, which can override it.
    ...(threads ? ['-threads', String(threads.decode)] : []),
    ...request.settings.globalArgs,
    ...request.input.inputOptions,
    ...(readLimit ? ['-t', (seconds + 1).toFixed(3)] : []),
    '-i',
    request.input.url,
    ...(overlay?.inputs ?? []),
    '-filter_complex',
    `${video};${audioFilter(source.hasAudio, samples, loudnessFile)}`,
    ...['-map', '[v]'],
    // Before FFMPEG_ENCODE_ARGS (at the end of the encoder's options), which can override it.
    ...(threads ? ['-threads', String(threads.encode)] : []),
    ...videoEncoderArgs(request.encoder, profile, request.settings),
    ...(request.extraVideoArgs ?? []),
    ...['-map_metadata', '-1', '-map_chapters', '-1'],
    ...['-video_track_timescale', String(VIDEO_TIMESCALE)],
    ...['-f', intermediateMuxer(request.encoder), '-y', request.output.video],
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
  try {
    await runFfmpeg(request.ffmpeg, args, {
      signal: request.signal,
      timeoutSeconds: timeoutFor(seconds),
      expectedSeconds: seconds,
      onProgress: request.onProgress,
    });
    const printed = loudnessFile ? await readFile(loudnessFile, 'utf8') : '';
    return { durationSeconds: seconds, loudnessLufs: parseLoudness(printed) };
  } finally {
    if (loudnessFile) await rm(loudnessFile, { force: true });
  }
}
