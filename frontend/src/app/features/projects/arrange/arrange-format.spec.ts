import { makeClip, makeQueuedClip } from '../../../../testing/project-fixtures';
import { estimateRunningTime, moveItem, readyOffTimeline } from './arrange-format';

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

  it('estimates the running time: intro, clips, a transition per gap (cycled), outro', () => {
    const base = {
      clipsSeconds: 60,
      clipCount: 4,
      intro: { durationSeconds: 5 },
      outro: { durationSeconds: 7 },
      transitions: [{ durationSeconds: 1 }, { durationSeconds: 2 }],
      randomize: false,
    };
    // 3 gaps: 1 + 2 + 1.
    expect(estimateRunningTime(base)).toBe(5 + 60 + 4 + 7);
    // At random: the average per gap.
    expect(estimateRunningTime({ ...base, randomize: true })).toBe(5 + 60 + 4.5 + 7);
    expect(estimateRunningTime({ ...base, clipCount: 1 })).toBe(72);
    expect(
      estimateRunningTime({
        ...base,
        intro: null,
        outro: { durationSeconds: null },
        transitions: [],
      }),
    ).toBe(60);
  });
});
