import ffmpeg from 'fluent-ffmpeg';
import type { ProbeStreamInfo } from '@clippyfront/shared';
import { FfmpegMissingError, type FfmpegLocation } from './ffmpeg-locator.js';

export interface FfmpegRunOptions {
  signal: AbortSignal;
  /** Seconds after which ffmpeg is killed. */
  timeoutSeconds: number;
  /** Duration of the output, to turn ffmpeg's timemark into a fraction 0–1. */
  expectedDurationSeconds?: number;
  onProgress?: (fraction: number) => void;
}

export interface ProbedMedia {
  formatName: string;
  durationSeconds: number;
  sizeBytes: number;
  video: ProbeStreamInfo | null;
  audio: ProbeStreamInfo | null;
}

function timemarkToSeconds(timemark: string): number {
  const [h, m, s] = timemark.split(':').map(Number);
  return (h ?? 0) * 3600 + (m ?? 0) * 60 + (s ?? 0);
}

function parseRate(rate: string | undefined): number | undefined {
  if (!rate) return undefined;
  const [num, den] = rate.split('/').map(Number);
  if (!num || !den) return undefined;
  return Math.round((num / den) * 1000) / 1000;
}

/** Extra arguments from the environment (FFMPEG_GLOBAL_ARGS, FFPROBE_ARGS, FFMPEG_THUMBNAIL_ARGS). */
export interface FfmpegExtraArgs {
  /** Before the input of every run (ffmpeg reads global options wherever they stand). */
  global: string[];
  /** Options of every ffprobe run. */
  probe: string[];
  /** Output options of every thumbnail render. */
  thumbnail: string[];
}

export const NO_EXTRA_ARGS: FfmpegExtraArgs = { global: [], probe: [], thumbnail: [] };

/** Every ffmpeg and ffprobe call goes through here, so handlers stay testable. */
export class FfmpegRepository {
  constructor(
    private readonly location: FfmpegLocation,
    readonly extraArgs: FfmpegExtraArgs = NO_EXTRA_ARGS,
  ) {}

  private require(): { ffmpegPath: string; ffprobePath: string } {
    const { ffmpegPath, ffprobePath } = this.location;
    if (!ffmpegPath || !ffprobePath) throw new FfmpegMissingError(this.location);
    return { ffmpegPath, ffprobePath };
  }

  /** Builds a command with inputs/outputs set by `configure`, then runs it to completion. */
  run(configure: (command: ffmpeg.FfmpegCommand) => void, options: FfmpegRunOptions) {
    const { ffmpegPath } = this.require();
    return new Promise<void>((resolve, reject) => {
      if (options.signal.aborted) return reject(new Error('Cancelled'));
      const command = ffmpeg({ timeout: options.timeoutSeconds }).setFfmpegPath(ffmpegPath);
      configure(command);
      if (this.extraArgs.global.length) command.inputOptions(...this.extraArgs.global);
      // kill() does nothing before fluent-ffmpeg spawns the process (it first checks formats and
      // encoders), so a cancel in that window is applied again on 'start'.
      const onAbort = () => command.kill('SIGKILL');
      options.signal.addEventListener('abort', onAbort, { once: true });
      const finish = (error?: Error) => {
        options.signal.removeEventListener('abort', onAbort);
        if (options.signal.aborted) reject(new Error('Cancelled'));
        else if (error) reject(error);
        else resolve();
      };
      command
        .on('start', () => {
          if (options.signal.aborted) command.kill('SIGKILL');
        })
        // Progress from ffmpeg's own "time=" lines: listening to fluent-ffmpeg's 'progress'
        // would make it spawn an extra ffprobe on the first input.
        .on('stderr', (line: string) => {
          const time = /time=(\d+:\d+:[\d.]+)/.exec(line)?.[1];
          if (!time || !options.onProgress || !options.expectedDurationSeconds) return;
          const done = timemarkToSeconds(time) / options.expectedDurationSeconds;
          options.onProgress(Math.max(0, Math.min(1, done)));
        })
        .on('error', (error: Error, _stdout: string | null, stderr: string | null) => {
          const tail = stderr?.trim().split('\n').slice(-3).join(' | ');
          finish(new Error(tail ? `${error.message}: ${tail}` : error.message));
        })
        .on('end', () => finish())
        .run();
    });
  }

  probe(file: string): Promise<ProbedMedia> {
    const { ffprobePath } = this.require();
    return new Promise((resolve, reject) => {
      ffmpeg(file)
        .setFfprobePath(ffprobePath)
        .ffprobe(this.extraArgs.probe, (error, data) => {
          if (error) return reject(new Error(`ffprobe failed: ${(error as Error).message}`));
          const video = data.streams.find((s) => s.codec_type === 'video');
          const audio = data.streams.find((s) => s.codec_type === 'audio');
          resolve({
            formatName: data.format.format_name ?? 'unknown',
            durationSeconds: Number(data.format.duration ?? 0),
            sizeBytes: Number(data.format.size ?? 0),
            video: video
              ? {
                  codec: video.codec_name ?? 'unknown',
                  width: video.width,
                  height: video.height,
                  fps: parseRate(video.avg_frame_rate ?? video.r_frame_rate),
                }
              : null,
            audio: audio
              ? {
                  codec: audio.codec_name ?? 'unknown',
                  sampleRate: Number(audio.sample_rate) || undefined,
                  channels: audio.channels,
                }
              : null,
          });
        });
    });
  }
}
