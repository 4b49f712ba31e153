import type { CompileChapter } from '@clippyfront/shared';
import type { PlannedSegment } from './plan.js';

export interface TimedSegment {
  segment: PlannedSegment;
  startSeconds: number;
  durationSeconds: number;
}

/** Lays the segments end to end. */
export function timeline(
  segments: PlannedSegment[],
  durations: number[],
): { timed: TimedSegment[]; totalSeconds: number } {
  let at = 0;
  const timed = segments.map((segment, index) => {
    const durationSeconds = durations[index]!;
    const entry = { segment, startSeconds: at, durationSeconds };
    at += durationSeconds;
    return entry;
  });
  return { timed, totalSeconds: at };
}

/** One chapter per intro, clip ("Title — creator") and outro, starting where it starts. */
export function chaptersOf(timed: TimedSegment[]): CompileChapter[] {
  return timed.flatMap(({ segment, startSeconds }): CompileChapter[] => {
    if (segment.kind === 'intro') return [{ startSeconds, title: 'Intro' }];
    if (segment.kind === 'outro') return [{ startSeconds, title: 'Outro' }];
    if (segment.kind !== 'clip') return [];
    const creator = segment.clip.creatorName?.trim();
    return [{ startSeconds, title: creator ? `${segment.name} — ${creator}` : segment.name }];
  });
}

function timestamp(seconds: number, withHours: boolean): string {
  const whole = Math.floor(seconds + 1e-6);
  const h = Math.floor(whole / 3600);
  const m = Math.floor((whole % 3600) / 60);
  const s = whole % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return withHours ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** "00:00 Title — creator" lines, as YouTube reads them from a description. */
export function youtubeChapters(chapters: CompileChapter[], totalSeconds: number): string {
  const withHours = totalSeconds >= 3600;
  return chapters.map((c) => `${timestamp(c.startSeconds, withHours)} ${c.title}\n`).join('');
}

const escapeMetadata = (value: string) => value.replace(/[=;#\\\n]/g, (char) => `\\${char}`);

/** The chapters as an ffmetadata file, for `-map_chapters` into the MP4. */
export function ffmetadata(chapters: CompileChapter[], totalSeconds: number): string {
  const ms = (seconds: number) => Math.round(seconds * 1000);
  const blocks = chapters.map((chapter, index) => {
    const end = chapters[index + 1]?.startSeconds ?? totalSeconds;
    return [
      '[CHAPTER]',
      'TIMEBASE=1/1000',
      `START=${ms(chapter.startSeconds)}`,
      `END=${ms(end)}`,
      `title=${escapeMetadata(chapter.title)}`,
    ].join('\n');
  });
  return [';FFMETADATA1', ...blocks].join('\n') + '\n';
}
