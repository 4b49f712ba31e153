import {
  DEFAULT_OUTPUT_SETTINGS,
  type ClipDto,
  type ProjectDto,
  type TimelineClipDto,
} from '@clippyfront/shared';

export function makeProject(overrides: Partial<ProjectDto> = {}): ProjectDto {
  return {
    id: 'p1',
    name: 'Best of January',
    description: '',
    output: { ...DEFAULT_OUTPUT_SETTINGS },
    clipCount: 0,
    createdAt: '2026-01-02T10:00:00.000Z',
    updatedAt: '2026-01-02T10:00:00.000Z',
    ...overrides,
  };
}

export function makeClip(overrides: Partial<ClipDto> = {}): ClipDto {
  return {
    id: 'c1',
    projectId: 'p1',
    sourceUrl: 'https://clips.twitch.tv/FunnySlug',
    normalizedUrl: 'https://clips.twitch.tv/FunnySlug',
    source: 'twitch',
    state: 'ready',
    progress: 100,
    error: null,
    reused: false,
    mediaId: 'm1',
    jobId: 'j1',
    hasThumbnail: true,
    hasAvatar: true,
    title: 'Insane clutch',
    creatorName: 'clipper42',
    creatorId: '42',
    broadcasterName: 'streamer',
    gameName: 'Counter-Strike 2',
    durationSeconds: 27.6,
    viewCount: 1234,
    clipCreatedAt: '2026-01-01T20:00:00.000Z',
    createdAt: '2026-01-02T10:00:00.000Z',
    updatedAt: '2026-01-02T10:00:00.000Z',
    ...overrides,
  };
}

/** A clip just accepted: nothing known yet but its URL. */
export function makeQueuedClip(overrides: Partial<ClipDto> = {}): ClipDto {
  return makeClip({
    state: 'queued',
    progress: 0,
    mediaId: null,
    hasThumbnail: false,
    hasAvatar: false,
    title: null,
    creatorName: null,
    creatorId: null,
    broadcasterName: null,
    gameName: null,
    durationSeconds: null,
    viewCount: null,
    clipCreatedAt: null,
    ...overrides,
  });
}

/** A ready clip on the timeline, playing in full. */
export function makeTimelineClip(overrides: Partial<TimelineClipDto> = {}): TimelineClipDto {
  const clip = makeClip(overrides);
  return { ...clip, playSeconds: clip.durationSeconds, ...overrides };
}
