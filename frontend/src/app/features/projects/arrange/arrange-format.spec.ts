import { makeClip, makeQueuedClip } from '../../../../testing/project-fixtures';
import { BUMPER_SECONDS } from '@clippyfront/shared';
import { estimateExtras, estimateRunningTime, moveItem, readyOffTimeline } from './arrange-format';

describe('arrange helpers', () => {
  it('moves an item to another place, leaving the original list alone', () => {
    const list = ['a', 'b', 'c', 'd'];
    expect(moveItem(list, 0, 2)).toEqual(['b', 'c', 'a', 'd']);
    expect(moveItem(list, 3, 0)).toEqual(['d', 'a', 'b', 'c']);
    expect(moveItem(list, 1, 1)).toEqual(list);
    expect(moveItem(list, 1, 99)).toEqual(['a', 'c', 'd', 'b']);
    expect(moveItem([], 0, 1)).toEqual([]);
    expect(list).toEqual(['a', 'b', 'c', 'd']);
  });

  it('lists the ready clips not on the timeline, in the order they were added', () => {
    const clips = [
      makeClip({ id: 'a' }),
      makeQueuedClip({ id: 'b' }),
      makeClip({ id: 'c' }),
      makeQueuedClip({ id: 'd', state: 'failed' }),
      makeClip({ id: 'e' }),
    ];
    expect(readyOffTimeline(clips, ['c']).map((c) => c.id)).toEqual(['a', 'e']);
    expect(readyOffTimeline(clips, ['a', 'c', 'e'])).toEqual([]);
  });

  it('estimates the compiled length as the API does: segments and a bumper between each two', () => {
    const base = {
      clipSeconds: [15, 15, 20, 10],
      intro: { durationSeconds: 5 },
      outro: { durationSeconds: 7 },
      transitions: [{ durationSeconds: 1 }, { durationSeconds: 2 }],
      randomize: false,
    };
    // 3 gaps: 1 + 2 + 1; 4 clips + 3 transitions + intro + outro = 9 segments, 8 bumpers.
    expect(estimateRunningTime(base)).toBe(5 + 60 + 4 + 7 + 8 * BUMPER_SECONDS);
    // At random: the average per gap.
    expect(estimateRunningTime({ ...base, randomize: true })).toBe(
      5 + 60 + 4.5 + 7 + 8 * BUMPER_SECONDS,
    );
    expect(estimateRunningTime({ ...base, clipSeconds: [60] })).toBe(72 + 2 * BUMPER_SECONDS);
    // An outro of unknown length counts 0 s, its bumper still counts; unknown clips count 0 s.
    expect(
      estimateRunningTime({
        ...base,
        clipSeconds: [30, null, 30],
        intro: null,
        outro: { durationSeconds: null },
        transitions: [],
      }),
    ).toBe(60 + 3 * BUMPER_SECONDS);
    expect(estimateRunningTime({ ...base, clipSeconds: [] })).toBe(0);
  });

  it('names what the estimate adds to the clips', () => {
    expect(estimateExtras({ intro: true, outro: true, transitions: true })).toBe(
      'the intro, outro, transitions and bumpers',
    );
    expect(estimateExtras({ intro: false, outro: true, transitions: false })).toBe(
      'the outro and bumpers',
    );
    expect(estimateExtras({ intro: false, outro: false, transitions: false })).toBe('the bumpers');
  });
});
