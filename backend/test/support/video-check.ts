import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

/**
 * Asynchronous on purpose: the in-process API under test shares this event loop, and a blocked
 * loop lets its keep-alive timers race the client's (ECONNRESET on the next request).
 */
const run = promisify(execFile);

export interface ProbedVideo {
  durationSeconds: number;
  /** ffprobe's format_name, e.g. "mov,mp4,m4a,3gp,3g2,mj2", "matroska,webm". */
  formatName: string;
  video: { codec: string; width: number; height: number; fps: number; durationSeconds: number };
  audio: { codec: string; durationSeconds: number } | null;
  chapters: { startSeconds: number; title: string }[];
}

const ratio = (value: string) => {
  const [num, den] = value.split('/').map(Number);
  return den ? num! / den : num!;
};

/** ffprobe's view of a video file: size, rate, stream durations and chapters. */
export async function probeVideo(path: string): Promise<ProbedVideo> {
  const { stdout } = await run('ffprobe', [
    ...['-v', 'error', '-print_format', 'json'],
    ...['-show_format', '-show_streams', '-show_chapters', path],
  ]);
  const json = JSON.parse(stdout) as {
    format: { duration: string; format_name: string };
    streams: Record<string, string | number>[];
    chapters: { start_time: string; tags?: { title?: string } }[];
  };
  const video = json.streams.find((s) => s.codec_type === 'video')!;
  const audio = json.streams.find((s) => s.codec_type === 'audio');
  return {
    durationSeconds: Number(json.format.duration),
    formatName: json.format.format_name,
    video: {
      codec: String(video.codec_name),
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
export async function colourAt(path: string, seconds: number): Promise<[number, number, number]> {
  const scaled = ['-frames:v', '1', '-vf', 'scale=1:1:flags=area', '-f', 'rawvideo'];
  const { stdout } = await run(
    'ffmpeg',
    ['-v', 'error', '-ss', String(seconds), '-i', path, ...scaled, '-pix_fmt', 'rgb24', '-'],
    { encoding: 'buffer' },
  );
  return [stdout[0]!, stdout[1]!, stdout[2]!];
}

/** Silent when the file decodes cleanly. */
export async function decodeErrors(path: string): Promise<string> {
  try {
    return (await run('ffmpeg', ['-v', 'error', '-i', path, '-f', 'null', '-'])).stderr;
  } catch (error) {
    const { stderr, code } = error as { stderr?: string; code?: number };
    return `${stderr ?? ''}exit ${code}`;
  }
}
