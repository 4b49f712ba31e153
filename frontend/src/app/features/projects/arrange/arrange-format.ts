import { estimateCompileSeconds, type ClipDto, type MediaDto } from '@clippyfront/shared';

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
  /** Each timeline clip as compiled (its `playSeconds`: cut to the project's longest clip). */
  clipSeconds: readonly (number | null)[];
  intro: Pick<MediaDto, 'durationSeconds'> | null;
  outro: Pick<MediaDto, 'durationSeconds'> | null;
  /** The chosen transitions, in the order they are cycled. */
  transitions: readonly Pick<MediaDto, 'durationSeconds'>[];
  randomize: boolean;
}

/**
 * The compilation's length as the API estimates it for the render-time quota (shared
 * `estimateCompileSeconds`): intro, clips, a transition in each gap, outro, and a static bumper
 * between every two segments. Media of unknown length count 0 s, their bumpers still count.
 */
export function estimateRunningTime(parts: RunningTimeParts): number {
  return estimateCompileSeconds({
    clipSeconds: parts.clipSeconds.map((seconds) => seconds ?? 0),
    introSeconds: parts.intro ? (parts.intro.durationSeconds ?? 0) : null,
    outroSeconds: parts.outro ? (parts.outro.durationSeconds ?? 0) : null,
    transitionSeconds: parts.transitions.map((media) => media.durationSeconds),
    randomize: parts.randomize,
  });
}

/** What the estimate adds to the clips: `the intro, outro, transitions and bumpers`. */
export function estimateExtras(parts: { intro: boolean; outro: boolean; transitions: boolean }) {
  const named = [
    parts.intro && 'intro',
    parts.outro && 'outro',
    parts.transitions && 'transitions',
    'bumpers',
  ].filter((name): name is string => !!name);
  const last = named.pop()!;
  return `the ${named.length ? `${named.join(', ')} and ${last}` : last}`;
}
