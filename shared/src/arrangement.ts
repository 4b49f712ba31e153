/**
 * A project's arrangement (intro, outro, transitions) and its timeline (the ready clips it
 * compiles, in order): shapes shared by the API, the SPA, the compile pipeline and the tests.
 */
import type { ClipDto } from './projects.js';

export const ARRANGEMENT_RULES = {
  /** Transitions one project may use. */
  maxTransitions: 100,
  /** Clips one timeline may hold. */
  maxTimelineClips: 1000,
} as const;

/**
 * `GET|PUT /api/projects/:id/arrangement`. Ids are the owner's media: an `intro` for
 * `introId`, an `outro` for `outroId`, `transition`s for `transitionIds` (in the order they
 * are cycled between clips, or drawn from at random when `randomizeTransitions`). Media that
 * is deleted, or no longer of that type, drops out of the answer.
 */
export interface ArrangementDto {
  introId: string | null;
  outroId: string | null;
  transitionIds: string[];
  randomizeTransitions: boolean;
}

/** The whole arrangement: what is left out is cleared (null, no transitions, false). */
export type UpdateArrangementRequest = ArrangementDto;

/** A clip on the timeline: always `ready`. */
export interface TimelineClipDto extends ClipDto {
  /** The downloaded file's duration (ffprobe), else the platform's. */
  durationSeconds: number | null;
  /** What the compilation uses of it: the duration cut to the project's `maxClipSeconds`. */
  playSeconds: number | null;
}

/** `GET /api/projects/:id/timeline`: the clips in compile order. */
export interface TimelineDto {
  items: TimelineClipDto[];
  /** Sum of `playSeconds` (clips of unknown duration count 0). */
  totalSeconds: number;
  /** The project's `output.maxClipSeconds`, the cut applied to each clip. */
  maxClipSeconds: number;
}

/** `PUT /api/projects/:id/timeline`: the exact order; every id a ready clip of the project. */
export interface UpdateTimelineRequest {
  clipIds: string[];
}

export const TIMELINE_REFUSALS = ['duplicate', 'not-in-project', 'not-ready'] as const;
export type TimelineRefusal = (typeof TIMELINE_REFUSALS)[number];

/**
 * The 400 of a `PUT …/timeline` whose ids are not all distinct ready clips of the project:
 * `{statusCode, message, refused}`, each refused id with why.
 */
export interface TimelineRefusedDto {
  statusCode: number;
  message: string;
  refused: { clipId: string; reason: TimelineRefusal; message: string }[];
}
