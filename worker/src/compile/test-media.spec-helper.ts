import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const FFMPEG = '/usr/bin/ffmpeg';
export const FFPROBE = '/usr/bin/ffprobe';

export type Rgb = [number, number, number];

export interface TestClip {
  width: number;
  height: number;
  fps: number;
  seconds: number;
  rgb: Rgb;
  /**
   * Channels and sample rate of the tone, or null for a file without audio; `volume` scales it
   * (the sine's peak is 1/8 at volume 1).
   */
  audio: { channels: 1 | 2; rate: number; volume?: number } | null;
}

const hex = (rgb: Rgb) => `0x${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;

/** A solid-colour H.264/AAC MP4 (a tone when it has audio), like a downloaded clip. */
export async function makeClip(dir: string, name: string, clip: TestClip): Promise<string> {
  const file = join(dir, `${name}.mp4`);
  const { width, height, fps, seconds } = clip;
  const args = ['-v', 'error', '-y'];
  args.push(
    '-f',
    'lavfi',
    '-i',
    `color=c=${hex(clip.rgb)}:s=${width}x${height}:r=${fps}:d=${seconds}`,
  );
  if (clip.audio) {
    const { channels, rate, volume } = clip.audio;
    args.push('-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=${rate}:duration=${seconds}`);
    if (volume !== undefined) args.push('-af', `volume=${volume}`);
    args.push('-ac', String(channels), '-c:a', 'aac');
  }
  args.push('-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', file);
  await execFileAsync(FFMPEG, args);
  return file;
}

/** A solid-colour RGB PNG (an avatar or a watermark), `size` square unless `height` is given. */
export function makeImage(
  dir: string,
  name: string,
  size: number,
  rgb: Rgb,
  height = size,
): string {
  const file = join(dir, `${name}.png`);
  execFileSync(
    FFMPEG,
    ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=${hex(rgb)}:s=${size}x${height}`].concat([
      '-frames:v',
      '1',
      file,
    ]),
  );
  return file;
}

/** The colour of one pixel of the frame shown at `seconds`. */
export async function pixelAt(file: string, seconds: number, x: number, y: number): Promise<Rgb> {
  const { stdout } = await execFileAsync(
    FFMPEG,
    ['-v', 'error', '-ss', seconds.toFixed(3), '-i', file, '-frames:v', '1'].concat([
      '-vf',
      `crop=1:1:${x}:${y},format=rgb24`,
      '-f',
      'rawvideo',
      '-',
    ]),
    { encoding: 'buffer' },
  );
  if (stdout.length < 3) throw new Error(`no frame at ${seconds} s of ${file}`);
  return [stdout[0]!, stdout[1]!, stdout[2]!];
}

export const near = (a: Rgb, b: Rgb, tolerance = 40) =>
  a.every((value, i) => Math.abs(value - b[i]!) <= tolerance);

export interface MediaDurations {
  format: number;
  video: number;
  audio: number;
  /** End of the last decoded packet of each stream. */
  videoEnd: number;
  audioEnd: number;
}

const lastPacketEnd = async (file: string, stream: 'v' | 'a') => {
  const { stdout } = await execFileAsync(
    FFPROBE,
    ['-v', 'error', '-select_streams', `${stream}:0`].concat([
      '-show_entries',
      'packet=pts_time,duration_time',
      '-of',
      'csv=p=0',
      file,
    ]),
  );
  return Math.max(
    ...stdout
      .trim()
      .split('\n')
      .filter((line) => /^-?\d/.test(line))
      .map((line) => line.split(',').map(Number))
      .map(([pts, duration]) => pts! + duration!),
  );
};

export async function durationsOf(file: string): Promise<MediaDurations> {
  const { stdout } = await execFileAsync(
    FFPROBE,
    ['-v', 'error', '-show_entries'].concat([
      'format=duration:stream=codec_type,duration',
      '-of',
      'json',
      file,
    ]),
  );
  const json = JSON.parse(stdout) as {
    format: { duration: string };
    streams: { codec_type: string; duration: string }[];
  };
  const stream = (type: string) =>
    Number(json.streams.find((s) => s.codec_type === type)?.duration);
  return {
    format: Number(json.format.duration),
    video: stream('video'),
    audio: stream('audio'),
    videoEnd: await lastPacketEnd(file, 'v'),
    audioEnd: await lastPacketEnd(file, 'a'),
  };
}

/** What `ffmpeg -v warning -i file -f null -` prints: nothing for a clean file. */
export async function decodeWarnings(file: string): Promise<string> {
  const { stderr } = await execFileAsync(FFMPEG, ['-v', 'warning', '-i', file, '-f', 'null', '-']);
  return stderr.trim();
}

/** EBU R128 integrated loudness (LUFS) of `seconds` of a file's audio from `start`. */
export async function loudnessOf(file: string, start: number, seconds: number): Promise<number> {
  const { stderr } = await execFileAsync(FFMPEG, [
    ...['-hide_banner', '-nostats', '-ss', start.toFixed(3), '-t', seconds.toFixed(3)],
    ...['-i', file, '-map', '0:a', '-af', 'ebur128', '-f', 'null', '-'],
  ]);
  const summary = stderr.slice(stderr.lastIndexOf('Summary:'));
  const value = /I:\s+(-?[\d.]+) LUFS/.exec(summary)?.[1];
  if (value === undefined) throw new Error(`no loudness in: ${summary}`);
  return Number(value);
}
