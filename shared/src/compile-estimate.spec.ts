import { BUMPER_SECONDS, estimateCompileSeconds } from './compile-estimate.js';

describe('estimateCompileSeconds', () => {
  const base = { introSeconds: null, outroSeconds: null, transitionSeconds: [], randomize: false };

  it('is 0 for an empty timeline', () => {
    expect(estimateCompileSeconds({ ...base, clipSeconds: [] })).toBe(0);
  });

  it('adds a bumper between every two clips', () => {
    expect(estimateCompileSeconds({ ...base, clipSeconds: [5, 6, 7] })).toBe(
      18 + 2 * BUMPER_SECONDS,
    );
  });

  it('counts intro, outro, cycled transitions and the bumpers around each', () => {
    // Intro S C1 S T1 S C2 S T2 S C3 S Outro: 7 segments, 6 bumpers.
    const seconds = estimateCompileSeconds({
      clipSeconds: [4, 4, 4],
      introSeconds: 3,
      outroSeconds: 2,
      transitionSeconds: [1, 1.5],
      randomize: false,
    });
    expect(seconds).toBeCloseTo(3 + 12 + 2.5 + 2 + 6 * 0.5);
  });

  it('matches the 0:24 video of 3 clips with intro, outro and transitions', () => {
    // The case: 21 s without bumpers, 6 bumpers of 0.5 s → 24 s.
    const seconds = estimateCompileSeconds({
      clipSeconds: [5, 5, 5],
      introSeconds: 2,
      outroSeconds: 2,
      transitionSeconds: [1],
      randomize: false,
    });
    expect(seconds).toBe(24);
  });

  it('uses the average transition per gap when they are drawn at random', () => {
    const seconds = estimateCompileSeconds({
      ...base,
      clipSeconds: [2, 2, 2],
      transitionSeconds: [1, 3],
      randomize: true,
    });
    expect(seconds).toBe(6 + 2 * 2 + 4 * BUMPER_SECONDS);
  });

  it('counts a segment of unknown length as 0 but keeps its bumper', () => {
    const seconds = estimateCompileSeconds({ ...base, clipSeconds: [3, 0], introSeconds: null });
    expect(seconds).toBe(3 + BUMPER_SECONDS);
    expect(estimateCompileSeconds({ ...base, clipSeconds: [3], outroSeconds: Number.NaN })).toBe(
      3 + BUMPER_SECONDS,
    );
  });
});
