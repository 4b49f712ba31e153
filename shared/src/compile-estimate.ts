/**
 * How long a compilation will be, before it is rendered: the API checks it against the monthly
 * render time left, the SPA shows it on the Arrange and Compile steps. Both use this sum.
 */

/** The generated static bumper between every two segments (a worker's STATIC_BUMPER_PATH may differ). */
export const BUMPER_SECONDS = 0.5;

export interface CompileEstimateParts {
  /** Each timeline clip as compiled: its duration cut to the project's longest clip (unknown: 0). */
  clipSeconds: readonly number[];
  /** null or undefined: none. Pass 0 for one of unknown length: it counts 0 s, its bumper counts. */
  introSeconds: number | null | undefined;
  outroSeconds: number | null | undefined;
  /** The chosen transitions' durations, in the order they are cycled. */
  transitionSeconds: readonly (number | null)[];
  /** Drawn at random per gap: their average length per gap. */
  randomize: boolean;
}

const length = (seconds: number | null | undefined) =>
  seconds && Number.isFinite(seconds) && seconds > 0 ? seconds : 0;

/**
 * Intro + clips + a transition in each gap between two clips (gap i uses transition i mod n, or
 * the average when random) + outro, and a bumper between every two of those segments.
 */
export function estimateCompileSeconds(parts: CompileEstimateParts): number {
  const clips = parts.clipSeconds.length;
  if (!clips) return 0;
  const gaps = clips - 1;
  const lengths = parts.transitionSeconds.map(length);
  let transitions = 0;
  if (lengths.length && gaps) {
    if (parts.randomize) {
      transitions = (gaps * lengths.reduce((sum, n) => sum + n, 0)) / lengths.length;
    } else {
      for (let gap = 0; gap < gaps; gap++) transitions += lengths[gap % lengths.length]!;
    }
  }
  const hasIntro = parts.introSeconds !== null && parts.introSeconds !== undefined;
  const hasOutro = parts.outroSeconds !== null && parts.outroSeconds !== undefined;
  const segments = clips + (lengths.length ? gaps : 0) + Number(hasIntro) + Number(hasOutro);
  const clipsTotal = parts.clipSeconds.reduce((sum, n) => sum + length(n), 0);
  return (
    length(parts.introSeconds) +
    clipsTotal +
    transitions +
    length(parts.outroSeconds) +
    (segments - 1) * BUMPER_SECONDS
  );
}
