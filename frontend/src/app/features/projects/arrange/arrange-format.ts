import type { ClipDto, MediaDto } from '@clippyfront/shared';

/** A copy of `list` with the item at `from` moved to `to` (both clamped to the list). */
export function moveItem<T>(list: readonly T[], from: number, to: number): T[] {
  const copy = [...list];
  if (copy.length === 0) return copy;
  const last = copy.length - 1;
  const clamp = (n: number) => Math.max(0, Math.min(last, n));
  const [item] = copy.splice(clamp(from), 1);
  copy.splice(clamp(to), 0, item as T);
  return copy;
}

/** The project's ready clips that are not on the timeline, in the order they were added. */
export function readyOffTimeline(
  clips: readonly ClipDto[],
  timelineIds: readonly string[],
): ClipDto[] {
  const on = new Set(timelineIds);
  return clips.filter((clip) => clip.state === 'ready' && !on.has(clip.id));
}

export interface RunningTimeParts {
  /** Seconds of the clips as compiled (each cut to the project's longest clip). */
  clipsSeconds: number;
  clipCount: number;
  intro: Pick<MediaDto, 'durationSeconds'> | null;
  outro: Pick<MediaDto, 'durationSeconds'> | null;
  /** The chosen transitions, in the order they are cycled. */
  transitions: readonly Pick<MediaDto, 'durationSeconds'>[];
  randomize: boolean;
}

/**
 * The compilation's length without the short bumpers: intro + clips + outro, and a transition
 * in each gap between two clips — cycled in order (gap i uses transition i mod n), or, when
 * drawn at random, their average length per gap.
 */
export function estimateRunningTime(parts: RunningTimeParts): number {
  const seconds = (media: Pick<MediaDto, 'durationSeconds'> | null) =>
    media?.durationSeconds && media.durationSeconds > 0 ? media.durationSeconds : 0;
  const gaps = Math.max(0, parts.clipCount - 1);
  const lengths = parts.transitions.map(seconds);
  let transitions = 0;
  if (lengths.length > 0 && gaps > 0) {
    if (parts.randomize) {
      transitions = (gaps * lengths.reduce((sum, n) => sum + n, 0)) / lengths.length;
    } else {
      for (let gap = 0; gap < gaps; gap++) transitions += lengths[gap % lengths.length]!;
    }
  }
  return seconds(parts.intro) + parts.clipsSeconds + transitions + seconds(parts.outro);
}
