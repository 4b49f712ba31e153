import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { AUDIO_RATE, PCM_FORMAT } from './normalize.js';
import { runFfmpeg } from './ffmpeg-process.js';
import { OUTPUT_FORMAT_SPECS, type OutputFormatSpec } from './output-format.js';

export { AAC_BITRATE } from './output-format.js';

/** EBU R128: every segment is brought to this integrated loudness… */
export const TARGET_LUFS = -16;
/** …by at most this much gain (a near-silent segment is not made into noise)… */
export const MAX_GAIN_DB = 20;
/**
 * …and the soundtrack's peaks are held below -1.5 dBTP: the limiter works on samples, so it
 * limits at -2 dBFS to leave room for the peaks between samples and those AAC adds.
 */
export const LIMITER_FILTER = 'alimiter=limit=0.794:attack=5:release=50:level=false:latency=true';

/** What the soundtrack needs of a segment: its PCM and its measured loudness (see normalize). */
export interface SoundtrackSegment {
  audio: string;
  loudnessLufs: number | null;
}

export interface AudioTrackRequest {
  ffmpeg: string;
  /** Each segment in timeline order, each awaited only when its turn comes. */
  segments: (() => Promise<SoundtrackSegment>)[];
  /** The run waits for the segments too: allow for all of them. */
  timeoutSeconds: number;
  /** Bring every segment to TARGET_LUFS (EBU R128), peaks limited; false: the sound as it is. */
  loudnorm: boolean;
  /** AAC in MP4 by default; Opus in Matroska for WebM (see OutputFormatSpec). */
  codec?: Pick<OutputFormatSpec, 'audioArgs' | 'audioMuxer'>;
  /** An .m4a (or .mka) path. */
  output: string;
  globalArgs: string[];
  signal: AbortSignal;
}

/** The linear gain that brings a segment to TARGET_LUFS; 1 for one with nothing to measure. */
export function loudnessGain(loudnessLufs: number | null): number {
  if (loudnessLufs === null) return 1;
  const db = Math.min(MAX_GAIN_DB, TARGET_LUFS - loudnessLufs);
  return 10 ** (db / 20);
}

/** Rejects when the signal is aborted, so a wait for a segment that will never come ends. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    const fail = () => reject(new Error('Cancelled'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

/** s16le samples → f32le samples times `gain`: float, so a boost never clips before the limiter. */
function toFloat(chunk: Buffer, gain: number): Buffer {
  const samples = chunk.length >> 1;
  const input = new DataView(chunk.buffer, chunk.byteOffset, samples * 2);
  const out = Buffer.allocUnsafe(samples * 4);
  const output = new DataView(out.buffer, out.byteOffset, samples * 4);
  const factor = gain / 32768;
  for (let i = 0; i < samples; i++)
    output.setFloat32(i * 4, input.getInt16(i * 2, true) * factor, true);
  return out;
}

async function* pcmInOrder(request: AudioTrackRequest): AsyncGenerator<Buffer> {
  const stop = aborted(request.signal);
  stop.catch(() => {});
  for (const next of request.segments) {
    const segment = await Promise.race([next(), stop]);
    if (!request.loudnorm) {
      for await (const chunk of createReadStream(segment.audio)) yield chunk as Buffer;
      continue;
    }
    const gain = loudnessGain(segment.loudnessLufs);
    let odd: Buffer | null = null;
    for await (const read of createReadStream(segment.audio)) {
      let chunk = read as Buffer;
      if (odd) chunk = Buffer.concat([odd, chunk]);
      odd = chunk.length & 1 ? chunk.subarray(chunk.length - 1) : null;
      yield toFloat(chunk, gain);
    }
  }
}

/**
 * The whole soundtrack, encoded (AAC, or Opus for WebM) once, while the segments are still being made: the PCM of
 * each segment is streamed to one ffmpeg in timeline order as soon as it exists, so neither AAC
 * priming nor a per-segment encode can add drift, and the final join only copies streams. With
 * `loudnorm`, each segment's samples are scaled on the way by the gain its loudness (measured
 * when it was normalized) calls for, and one limiter keeps the peaks safe.
 */
export async function encodeAudioTrack(request: AudioTrackRequest): Promise<void> {
  const codec = request.codec ?? OUTPUT_FORMAT_SPECS.mp4;
  const sampleFormat = request.loudnorm ? 'f32le' : PCM_FORMAT.format;
  const input = ['-f', sampleFormat, '-ar', String(AUDIO_RATE)];
  input.push('-ac', String(PCM_FORMAT.channels), '-i', 'pipe:0');
  const args = [
    ...['-v', 'error', ...request.globalArgs, ...input],
    ...(request.loudnorm ? ['-af', LIMITER_FILTER] : []),
    ...codec.audioArgs,
    ...['-f', codec.audioMuxer, '-y', request.output],
  ];
  await runFfmpeg(request.ffmpeg, args, {
    signal: request.signal,
    timeoutSeconds: request.timeoutSeconds,
    stdin: Readable.from(pcmInOrder(request)),
  });
}
