import type { CompileClipInput } from '@clippyfront/shared';
import { chaptersOf, ffmetadata, timeline, youtubeChapters } from './chapters.js';
import { planSequence } from './plan.js';

const clip = (title: string | null, creatorName: string | null): CompileClipInput => ({
  clipId: title ?? 'x',
  mediaId: title ?? 'x',
  title,
  creatorName,
  gameName: null,
  avatarAvailable: false,
  maxSeconds: 30,
});

describe('chapters', () => {
  const plan = planSequence({
    intro: { mediaId: 'i', name: 'intro.mp4' },
    outro: { mediaId: 'o', name: 'outro.mp4' },
    clips: [clip('Big play', 'alice'), clip(null, null), clip('Clutch', ' ')],
    transitions: [{ mediaId: 't', name: 'swipe' }],
    randomizeTransitions: false,
    seed: 1,
  });
  // intro 3, S 0.5, clip 10, S, swipe 2, S, clip 20, S, swipe 2, S, clip 30, S, outro 3
  const durations = plan.map((s) =>
    s.kind === 'bumper'
      ? 0.5
      : s.kind === 'clip'
        ? [10, 20, 30][s.clipIndex]!
        : s.kind === 'transition'
          ? 2
          : 3,
  );
  const { timed, totalSeconds } = timeline(plan, durations);
  const chapters = chaptersOf(timed);

  it('starts a chapter at the intro, every clip ("Title — creator") and the outro', () => {
    expect(totalSeconds).toBe(3 + 10 + 20 + 30 + 2 * 2 + 3 + 6 * 0.5);
    expect(chapters).toEqual([
      { startSeconds: 0, title: 'Intro' },
      { startSeconds: 3.5, title: 'Big play — alice' },
      { startSeconds: 16.5, title: 'Clip 2' },
      { startSeconds: 39.5, title: 'Clutch' },
      { startSeconds: 70, title: 'Outro' },
    ]);
  });

  it('writes the YouTube list, with hours only for long videos', () => {
    expect(youtubeChapters(chapters, totalSeconds)).toBe(
      '00:00 Intro\n00:03 Big play — alice\n00:16 Clip 2\n00:39 Clutch\n01:10 Outro\n',
    );
    expect(youtubeChapters([{ startSeconds: 3725.9, title: 'Late' }], 4000)).toBe('1:02:05 Late\n');
  });

  it('writes ffmetadata chapters in milliseconds, escaping special characters', () => {
    const text = ffmetadata(
      [
        { startSeconds: 0, title: 'a=b;c#d\\e' },
        { startSeconds: 1.5, title: 'x' },
      ],
      2.25,
    );
    expect(text).toBe(
      ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=1500\ntitle=a\\=b\\;c\\#d\\\\e\n' +
        '[CHAPTER]\nTIMEBASE=1/1000\nSTART=1500\nEND=2250\ntitle=x\n',
    );
  });
});
