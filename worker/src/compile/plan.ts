import type { CompileClipInput, CompileMediaRef, CompilePayload } from '@clippyfront/shared';
import { seededRandom } from './seeded-random.js';

export type PlannedSegment =
  | { kind: 'clip'; name: string; clip: CompileClipInput; clipIndex: number }
  | { kind: 'intro' | 'outro' | 'transition'; name: string; ref: CompileMediaRef }
  | { kind: 'bumper'; name: string };

export type PlanInput = Pick<
  CompilePayload,
  'intro' | 'outro' | 'clips' | 'transitions' | 'randomizeTransitions' | 'seed'
>;

export const BUMPER_NAME = 'Static';

/** The clip's title, else its file name without the extension, else "Clip n". */
export function clipName(clip: CompileClipInput, clipIndex: number): string {
  const file = clip.fileName
    ?.trim()
    .replace(/\.[a-z0-9]{1,5}$/i, '')
    .trim();
  return clip.title?.trim() || file || `Clip ${clipIndex + 1}`;
}

/** Transition for each gap between clips: cycled in order, or drawn per gap from the seed. */
export function pickTransitions(input: PlanInput, gaps: number): CompileMediaRef[] {
  const { transitions } = input;
  if (!transitions.length) return [];
  const random = seededRandom(input.seed);
  return Array.from({ length: gaps }, (_, gap) => {
    const index = input.randomizeTransitions
      ? Math.floor(random() * transitions.length)
      : gap % transitions.length;
    return transitions[index]!;
  });
}

/**
 * The render order: Intro, S, Clip 1, S, Transition, S, Clip 2, S, …, Clip n, S, Outro, where
 * S is the static bumper between every two segments and transitions go only between clips.
 */
export function planSequence(input: PlanInput): PlannedSegment[] {
  if (!input.clips.length) throw new Error('Nothing to compile: the timeline has no clips');
  const transitions = pickTransitions(input, input.clips.length - 1);
  const main: PlannedSegment[] = [];
  if (input.intro) main.push({ kind: 'intro', name: input.intro.name, ref: input.intro });
  input.clips.forEach((clip, clipIndex) => {
    const transition = transitions[clipIndex - 1];
    if (transition) main.push({ kind: 'transition', name: transition.name, ref: transition });
    main.push({ kind: 'clip', name: clipName(clip, clipIndex), clip, clipIndex });
  });
  if (input.outro) main.push({ kind: 'outro', name: input.outro.name, ref: input.outro });
  return main.flatMap((segment, index) =>
    index === 0 ? [segment] : [{ kind: 'bumper', name: BUMPER_NAME }, segment],
  );
}
