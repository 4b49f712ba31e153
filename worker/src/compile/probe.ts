import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export interface SegmentSource {
  durationSeconds: number;
  hasAudio: boolean;
  /** The first video stream's frame size (before any rotation), when the container says. */
  width?: number;
  height?: number;
}

interface ProbeJson {
  format?: { duration?: string };
  streams?: { codec_type?: string; duration?: string; width?: number; height?: number }[];
}

/** What normalizing a segment needs to know about its input: length, streams, size. */
export async function probeSource(
  ffprobe: string,
  input: { url: string; inputOptions: string[] },
  signal: AbortSignal,
  extraArgs: string[] = [],
): Promise<SegmentSource> {
  const args = [
    '-v',
    'error',
    ...extraArgs,
    ...input.inputOptions,
    '-show_entries',
    'format=duration:stream=codec_type,duration,width,height',
    '-of',
    'json',
    input.url,
  ];
  let stdout: string;
  try {
    ({ stdout } = await execFileAsync(ffprobe, args, { signal, timeout: 60_000 }));
  } catch (error) {
    if (signal.aborted) throw new Error('Cancelled', { cause: error });
    const stderr = (error as { stderr?: string }).stderr?.trim();
    const reason = stderr || (error as Error).message;
    throw new Error(`ffprobe could not read ${input.url}: ${reason}`, { cause: error });
  }
  const json = JSON.parse(stdout) as ProbeJson;
  const streams = json.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video');
  const duration = Number(json.format?.duration ?? video?.duration ?? 0);
  if (!video) throw new Error(`${input.url} has no video stream`);
  if (!(duration > 0)) throw new Error(`${input.url} has no duration`);
  return {
    durationSeconds: duration,
    hasAudio: streams.some((s) => s.codec_type === 'audio'),
    width: video.width,
    height: video.height,
  };
}
