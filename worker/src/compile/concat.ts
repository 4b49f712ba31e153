import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompileSettings } from './compile-settings.js';
import { runFfmpeg, timeoutFor } from './ffmpeg-process.js';
import { OUTPUT_FORMAT_SPECS, type OutputFormatSpec } from './output-format.js';

export interface JoinSegment {
  /** The segment's video (MOV, or MP4 for VP9). */
  video: string;
  name: string;
  durationSeconds: number;
}

export interface VideoJoinRequest {
  ffmpeg: string;
  segments: JoinSegment[];
  /** Where the list file goes. */
  workDir: string;
  /** The joined video, without sound. */
  output: string;
  /** The intermediates' muxer (see intermediateMuxer); default mov. */
  muxer?: 'mov' | 'mp4';
  settings: Pick<CompileSettings, 'globalArgs'>;
  signal: AbortSignal;
  onProgress?: (fraction: number) => void;
  /** Called once per segment, in order, as the join reaches it (0-based). */
  onSegment?: (index: number) => void;
}

export interface MuxRequest {
  ffmpeg: string;
  /** The joined video (see joinVideo). */
  video: string;
  /** The whole soundtrack, already encoded (see audio-track.ts). */
  audio: string;
  /** The container; default MP4. */
  format?: Pick<OutputFormatSpec, 'muxArgs'>;
  /** An ffmetadata file with the chapters (see chapters.ts). */
  chaptersFile: string;
  output: string;
  durationSeconds: number;
  settings: Pick<CompileSettings, 'globalArgs' | 'concatArgs'>;
  signal: AbortSignal;
}

const quote = (path: string) => `'${path.replace(/'/g, `'\\''`)}'`;

/** The concat demuxer's list: each file with its exact duration. */
export function concatList(segments: JoinSegment[]): string {
  const lines = segments.map(
    (s) => `file ${quote(s.video)}\nduration ${s.durationSeconds.toFixed(6)}`,
  );
  return ['ffconcat version 1.0', ...lines].join('\n') + '\n';
}

/**
 * The segments' video joined by stream copy (the concat demuxer opens and probes every file,
 * ~15 ms each: it runs while the soundtrack's last seconds are encoded, see muxCompilation).
 */
export async function joinVideo(request: VideoJoinRequest): Promise<void> {
  const list = join(request.workDir, 'segments.ffconcat');
  await writeFile(list, concatList(request.segments));
  const total = request.segments.reduce((sum, s) => sum + s.durationSeconds, 0);
  const starts = request.segments.map((_, i) =>
    request.segments.slice(0, i).reduce((sum, s) => sum + s.durationSeconds, 0),
  );
  let reached = -1;
  const reach = (index: number) => {
    while (reached < index) request.onSegment?.(++reached);
  };
  const args = [
    ...['-v', 'error', ...request.settings.globalArgs],
    ...['-f', 'concat', '-safe', '0', '-i', list],
    ...['-map', '0:v', '-c', 'copy', '-f', request.muxer ?? 'mov', '-y', request.output],
  ];
  await runFfmpeg(request.ffmpeg, args, {
    signal: request.signal,
    timeoutSeconds: timeoutFor(total),
    expectedSeconds: total,
    onProgress: (fraction, seconds) => {
      reach(starts.findLastIndex((start) => start <= seconds));
      request.onProgress?.(fraction);
    },
  });
  reach(request.segments.length - 1);
}

/**
 * The compilation: the joined video and the soundtrack copied as they are, with chapters. The
 * timestamps come through unchanged (the same packets as one join of segments and soundtrack).
 */
export async function muxCompilation(request: MuxRequest): Promise<void> {
  const args = [
    ...['-v', 'error', ...request.settings.globalArgs],
    ...['-i', request.video, '-i', request.audio],
    ...['-f', 'ffmetadata', '-i', request.chaptersFile],
    // Global metadata and chapters from the ffmetadata input (-map_metadata -1 would also
    // drop the chapter titles).
    ...['-map', '0:v', '-map', '1:a', '-map_metadata', '2', '-map_chapters', '2', '-c', 'copy'],
    ...(request.format ?? OUTPUT_FORMAT_SPECS.mp4).muxArgs,
    ...request.settings.concatArgs,
    ...['-y', request.output],
  ];
  await runFfmpeg(request.ffmpeg, args, {
    signal: request.signal,
    timeoutSeconds: timeoutFor(request.durationSeconds),
  });
}
