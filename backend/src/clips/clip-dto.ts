import type { ClipDto, ClipState } from '@clippyfront/shared';
import type { ClipEntity } from './clip.entity.js';

export interface DerivedClipState {
  state: ClipState;
  progress: number;
  error: string | null;
}

const failed = (error: string): DerivedClipState => ({ state: 'failed', progress: 0, error });

/**
 * A clip's state follows from its media and its download job, loaded with it: media → ready;
 * job queued → queued, running → downloading (with its progress), failed or cancelled →
 * failed (with its error). Nothing is stored, so nothing can disagree.
 */
export function clipState(clip: Pick<ClipEntity, 'mediaId' | 'job'>): DerivedClipState {
  if (clip.mediaId) return { state: 'ready', progress: 100, error: null };
  const job = clip.job;
  if (!job) return failed('The download is gone; retry to download the clip again');
  switch (job.state) {
    case 'queued':
      return { state: 'queued', progress: 0, error: null };
    case 'running':
      return { state: 'downloading', progress: job.progress, error: null };
    case 'failed':
      return failed(job.error ?? 'The download failed');
    case 'cancelled':
      return failed(job.error ?? 'The download was cancelled');
    case 'completed':
      return failed('The downloaded file is no longer in the library; retry to download it again');
  }
}

export function toClipDto(clip: ClipEntity): ClipDto {
  return {
    id: clip.id,
    projectId: clip.projectId,
    sourceUrl: clip.sourceUrl,
    normalizedUrl: clip.normalizedUrl,
    source: clip.source,
    ...clipState(clip),
    reused: clip.reused,
    mediaId: clip.mediaId,
    jobId: clip.jobId,
    hasThumbnail: !!clip.media?.thumbnailPath,
    hasAvatar: !!clip.avatarPath,
    title: clip.title,
    creatorName: clip.creatorName,
    creatorId: clip.creatorId,
    broadcasterName: clip.broadcasterName,
    gameName: clip.gameName,
    durationSeconds: clip.durationSeconds ?? clip.media?.durationSeconds ?? null,
    viewCount: clip.viewCount,
    clipCreatedAt: clip.clipCreatedAt?.toISOString() ?? null,
    createdAt: clip.createdAt.toISOString(),
    updatedAt: clip.updatedAt.toISOString(),
  };
}
