import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { AUDIO_RATE, PCM_FORMAT } from './normalize.js';
import { runFfmpeg } from './ffmpeg-process.js';

export const AAC_BITRATE = '160k';
/** EBU R128 to -16 LUFS; loudnorm works at 192 kHz, so resample and fix the layout after it. */
export const LOUDNORM_FILTER =
  'loudnorm=I=-16:TP=-1.5:LRA=11,aresample=48000,aformat=sample_fmts=fltp:channel_layouts=stereo';

export interface AudioTrackRequest {
  ffmpeg: string;
  /** The PCM file of each segment in timeline order, each awaited only when its turn comes. */
  segments: (() => Promise<string>)[];
  /** The run waits for the segments too: allow for all of them. */
  timeoutSeconds: number;
  loudnorm: boolean;
  /** An .m4a path. */
  output: string;
  globalArgs: string[];
  signal: AbortSignal;
}

/** Rejects when the signal is aborted, so a wait for a segment that will never come ends. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(new Error('Cancelled'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

async function* pcmInOrder(request: AudioTrackRequest): AsyncGenerator<Buffer> {
  const stop = aborted(request.signal);
  stop.catch(() => {});
  for (const segment of request.segments) {
    const file = await Promise.race([segment(), stop]);
    for await (const chunk of createReadStream(file)) yield chunk as Buffer;
  }
}

/**
 * The whole soundtrack, encoded to AAC once, while the segments are still being made: the PCM of
 * each segment is streamed to one ffmpeg in timeline order as soon as it exists, so neither AAC
 * priming nor a per-segment encode can add drift, and the final join only copies streams.
 */
export async function encodeAudioTrack(request: AudioTrackRequest): Promise<void> {
  const input = ['-f', PCM_FORMAT.format, '-ar', String(AUDIO_RATE)];
  input.push('-ac', String(PCM_FORMAT.channels), '-i', 'pipe:0');
  const args = [
    ...['-v', 'error', ...request.globalArgs, ...input],
    ...(request.loudnorm ? ['-af', LOUDNORM_FILTER] : []),
    ...['-c:a', 'aac', '-b:a', AAC_BITRATE, '-f', 'mp4', '-y', request.output],
  ];
  await runFfmpeg(request.ffmpeg, args, {
    signal: request.signal,
    timeoutSeconds: request.timeoutSeconds,
    stdin: Readable.from(pcmInOrder(request)),
  });
}
