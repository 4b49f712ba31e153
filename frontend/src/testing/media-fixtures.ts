import type { MediaDto, MediaUsageDto } from '@clippyfront/shared';

export function makeMedia(overrides: Partial<MediaDto> = {}): MediaDto {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'clip.mp4',
    type: 'clip',
    mimeType: 'video/mp4',
    sizeBytes: 1_572_864,
    tags: [],
    durationSeconds: 83.4,
    width: 1920,
    height: 1080,
    fps: 30,
    videoCodec: 'h264',
    audioCodec: 'aac',
    hasAudio: true,
    hasThumbnail: true,
    createdAt: '2026-01-02T10:00:00.000Z',
    updatedAt: '2026-01-02T10:00:00.000Z',
    ...overrides,
  };
}

export function makeImage(overrides: Partial<MediaDto> = {}): MediaDto {
  return makeMedia({
    id: '00000000-0000-4000-8000-0000000000aa',
    name: 'logo.png',
    type: 'image',
    mimeType: 'image/png',
    sizeBytes: 20_480,
    durationSeconds: null,
    width: 512,
    height: 512,
    fps: null,
    videoCodec: null,
    audioCodec: null,
    hasAudio: false,
    ...overrides,
  });
}

export function makeUsage(overrides: Partial<MediaUsageDto> = {}): MediaUsageDto {
  return { usedBytes: 5 * 1024 * 1024, count: 2, quotaBytes: null, ...overrides };
}

/** A File of `size` bytes (content irrelevant). */
export function makeFile(name: string, type: string, size = 1024): File {
  return new File([new Uint8Array(size)], name, { type });
}
