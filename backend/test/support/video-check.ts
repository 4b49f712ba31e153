import { execFileSync, spawnSync } from 'node:child_process';

export interface ProbedVideo {
  durationSeconds: number;
  video: { width: number; height: number; fps: number; durationSeconds: number };
  audio: { codec: string; durationSeconds: number } | null;
  chapters: { startSeconds: number; title: string }[];
}

const ratio = (value: string) => {
  const [num, den] = value.split('/').map(Number);
  return den ? num! / den : num!;
};

/** ffprobe's view of a video file: size, rate, stream durations and chapters. */
export function probeVideo(path: string): ProbedVideo {
  const json = JSON.parse(
    execFileSync('ffprobe', [
      ...['-v', 'error', '-print_format', 'json'],
      ...['-show_format', '-show_streams', '-show_chapters', path],
    ]).toString(),
  ) as {
    format: { duration: string };
    streams: Record<string, string | number>[];
    chapters: { start_time: string; tags?: { title?: string } }[];
  };
  const video = json.streams.find((s) => s.codec_type === 'video')!;
  const audio = json.streams.find((s) => s.codec_type === 'audio');
  return {
    durationSeconds: Number(json.format.duration),
    video: {
      width: Number(video.width),
      height: Number(video.height),
      fps: ratio(String(video.avg_frame_rate)),
      durationSeconds: Number(video.duration),
    },
    audio: audio
      ? { codec: String(audio.codec_name), durationSeconds: Number(audio.duration) }
      : null,
    chapters: json.chapters.map((c) => ({
      startSeconds: Number(c.start_time),
      title: c.tags?.title ?? '',
    })),
  };
}

/** The average colour of the frame at `seconds`, as [r, g, b]. */
export function colourAt(path: string, seconds: number): [number, number, number] {
  const pixel = execFileSync('ffmpeg', [
    ...['-v', 'error', '-ss', String(seconds), '-i', path],
    ...[
      '-frames:v',
      '1',
      '-vf',
      'scale=1:1:flags=area',
      '-f',
      'rawvideo',
      '-pix_fmt',
      'rgb24',
      '-',
    ],
  ]);
  return [pixel[0]!, pixel[1]!, pixel[2]!];
}

/** Silent when the file decodes cleanly. */
export function decodeErrors(path: string): string {
  const run = spawnSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-']);
  return `${run.stderr.toString()}${run.status === 0 ? '' : `exit ${run.status}`}`;
}
