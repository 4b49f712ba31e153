import type { CompileFormat, CompileOutputProfile } from '@clippyfront/shared';

/** How one container is made: its video codec, its soundtrack and the final mux. */
export interface OutputFormatSpec {
  format: CompileFormat;
  /** H.264 (libx264 or NVENC) or VP9 (libvpx-vp9; WebM allows no H.264). */
  video: 'h264' | 'vp9';
  /** The soundtrack's encoder options and its muxer (the final mux copies it). */
  audioArgs: string[];
  audioMuxer: 'mp4' | 'matroska';
  /** The final mux's muxer options. */
  muxArgs: string[];
  extension: CompileFormat;
}

export const AAC_BITRATE = '160k';
export const OPUS_BITRATE = '128k';

const h264 = { video: 'h264' } as const;
const aac = { audioArgs: ['-c:a', 'aac', '-b:a', AAC_BITRATE], audioMuxer: 'mp4' } as const;

export const OUTPUT_FORMAT_SPECS: Record<CompileFormat, OutputFormatSpec> = {
  mp4: {
    format: 'mp4',
    ...h264,
    ...aac,
    audioArgs: [...aac.audioArgs],
    muxArgs: ['-movflags', '+faststart', '-f', 'mp4'],
    extension: 'mp4',
  },
  mkv: {
    format: 'mkv',
    ...h264,
    ...aac,
    audioArgs: [...aac.audioArgs],
    muxArgs: ['-f', 'matroska'],
    extension: 'mkv',
  },
  webm: {
    format: 'webm',
    video: 'vp9',
    audioArgs: ['-c:a', 'libopus', '-b:a', OPUS_BITRATE],
    audioMuxer: 'matroska',
    muxArgs: ['-f', 'webm'],
    extension: 'webm',
  },
};

/** The profile's container (mp4 when unset). */
export function outputFormatOf(profile?: Pick<CompileOutputProfile, 'format'>): OutputFormatSpec {
  return OUTPUT_FORMAT_SPECS[profile?.format ?? 'mp4'];
}
