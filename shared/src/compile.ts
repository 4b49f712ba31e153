/** A compilation render: what the API asks a worker for, and what the worker answers. */

/** The container of the finished file: mp4 and mkv hold H.264 + AAC, webm VP9 + Opus. */
export type CompileFormat = 'mp4' | 'webm' | 'mkv';

/** Every segment is normalized to this; segments made for one profile are cached per profile. */
export interface CompileOutputProfile {
  width: number;
  height: number;
  fps: number;
  /** Default mp4. */
  format?: CompileFormat;
  /** libx264 CRF (NVENC: the matching constant quality), 0–51; 23 is x264's default. */
  crf: number;
  /** libx264 preset; default veryfast. */
  x264Preset?: string;
}

/** An intro, outro, transition or static bumper from the user's library. */
export interface CompileMediaRef {
  mediaId: string;
  /** Shown in the log ("Concatenating: <name> (2 of 6)"). */
  name: string;
  /**
   * sha256 (hex) of the file's bytes: the worker's segment cache key, so a worker that has the
   * segment fetches nothing. Unset: the worker fetches the file and hashes it.
   */
  sha256?: string;
}

/** One clip of the timeline, in timeline order, with what its overlay shows. */
export interface CompileClipInput {
  /** The project clip (its avatar: `GET /api/avatars/by-clip/:clipId`). */
  clipId: string;
  mediaId: string;
  title: string | null;
  /** The clip's file name in the library: its name when it has no title. */
  fileName?: string | null;
  creatorName: string | null;
  gameName: string | null;
  /** The worker may fetch the creator's avatar for the overlay. */
  avatarAvailable: boolean;
  /** The clip is cut to this length (the project's longest clip). */
  maxSeconds: number;
}

export interface CompilePayload {
  projectId: string;
  /** The finished file's name in the library, without extension (the project's name). */
  outputName?: string;
  output: CompileOutputProfile;
  intro?: CompileMediaRef | null;
  outro?: CompileMediaRef | null;
  /** At least one. */
  clips: CompileClipInput[];
  /** Between clips only: gap i uses transition i mod n, or one drawn per gap when randomized. */
  transitions: CompileMediaRef[];
  randomizeTransitions: boolean;
  /** Seeds the random draw, so a retried job renders the same sequence. */
  seed: number;
  /** Between every two segments; unset: the worker's STATIC_BUMPER_PATH, else a generated one. */
  bumper?: CompileMediaRef | null;
  /** Semi-transparent mark in the lower right of every clip (the tier policy decides). */
  watermark: boolean;
  /**
   * The API's estimate of the output length (estimateCompileSeconds): what a queued or running
   * compile holds of its owner's monthly render time until it finishes.
   */
  estimatedSeconds?: number;
  /** Every segment brought to -16 LUFS (EBU R128), peaks limited; default true. */
  loudnorm?: boolean;
}

export interface CompileChapter {
  startSeconds: number;
  /** "Title — creator" for a clip; "Intro", "Outro". */
  title: string;
}

export const COMPILE_ENCODERS = ['h264_nvenc', 'libx264', 'libvpx-vp9'] as const;
export type CompileEncoder = (typeof COMPILE_ENCODERS)[number];

export interface CompileResult {
  /** The finished file (MP4, WebM or MKV) on the worker, before it is sent to the library. */
  mediaPath: string;
  sizeBytes: number;
  durationSeconds: number;
  chapters: CompileChapter[];
  /** YouTube-ready chapter list: one "00:00 Title — creator" line per chapter. */
  chaptersText: string;
  renderSeconds: number;
  encoder: CompileEncoder;
}
