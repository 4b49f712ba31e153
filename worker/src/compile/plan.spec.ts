import type { CompileClipInput, CompileMediaRef } from '@clippyfront/shared';
import { clipName, pickTransitions, planSequence, type PlanInput } from './plan.js';

const clip = (id: string, title: string | null = `Clip ${id}`): CompileClipInput => ({
  clipId: id,
  mediaId: id,
  title,
  creatorName: null,
  gameName: null,
  avatarAvailable: false,
  maxSeconds: 30,
});
const ref = (id: string): CompileMediaRef => ({ mediaId: id, name: id });

const input = (overrides: Partial<PlanInput> = {}): PlanInput => ({
  intro: ref('intro'),
  outro: ref('outro'),
  clips: [clip('1'), clip('2'), clip('3')],
  transitions: [ref('tA'), ref('tB')],
  randomizeTransitions: false,
  seed: 7,
  ...overrides,
});

const names = (plan: ReturnType<typeof planSequence>) => plan.map((s) => s.name);

describe('planSequence', () => {
  it('puts the bumper between every two segments and transitions only between clips', () => {
    const plan = planSequence(input());
    expect(names(plan)).toEqual([
      'intro',
      'Static',
      'Clip 1',
      'Static',
      'tA',
      'Static',
      'Clip 2',
      'Static',
      'tB',
      'Static',
      'Clip 3',
      'Static',
      'outro',
    ]);
    expect(plan.map((s) => s.kind)).toEqual([
      'intro',
      'bumper',
      'clip',
      'bumper',
      'transition',
      'bumper',
      'clip',
      'bumper',
      'transition',
      'bumper',
      'clip',
      'bumper',
      'outro',
    ]);
  });

  it('works without intro, outro or transitions, and with a single clip', () => {
    expect(names(planSequence(input({ intro: null, outro: undefined, transitions: [] })))).toEqual([
      'Clip 1',
      'Static',
      'Clip 2',
      'Static',
      'Clip 3',
    ]);
    expect(names(planSequence(input({ clips: [clip('1')] })))).toEqual([
      'intro',
      'Static',
      'Clip 1',
      'Static',
      'outro',
    ]);
  });

  it('names untitled clips by their place on the timeline', () => {
    const plan = planSequence(
      input({ intro: null, outro: null, clips: [clip('x', ' '), clip('y', null)] }),
    );
    expect(names(plan)).toEqual(['Clip 1', 'Static', 'tA', 'Static', 'Clip 2']);
  });

  it('refuses an empty timeline', () => {
    expect(() => planSequence(input({ clips: [] }))).toThrow('the timeline has no clips');
  });
});

describe('pickTransitions', () => {
  const three = [ref('t0'), ref('t1'), ref('t2')];

  it('cycles: gap i uses transition i mod n', () => {
    const picked = pickTransitions(input({ transitions: three }), 7);
    expect(picked.map((t) => t.name)).toEqual(['t0', 't1', 't2', 't0', 't1', 't2', 't0']);
  });

  it('draws one per gap when randomized, the same for the same seed', () => {
    const draw = (seed: number) =>
      pickTransitions(input({ transitions: three, randomizeTransitions: true, seed }), 40).map(
        (t) => t.name,
      );
    const first = draw(42);
    expect(first).toHaveLength(40);
    expect(draw(42)).toEqual(first);
    expect(draw(43)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set(['t0', 't1', 't2']));
    expect(first.join()).not.toBe(
      pickTransitions(input({ transitions: three }), 40)
        .map((t) => t.name)
        .join(),
    );
  });

  it('picks nothing without transitions', () => {
    expect(pickTransitions(input({ transitions: [], randomizeTransitions: true }), 5)).toEqual([]);
  });
});

describe('clipName', () => {
  const base = clip('0');
  it('is the title, else the file name without its extension, else "Clip n"', () => {
    expect(clipName({ ...base, title: ' Big play ', fileName: 'x.mp4' }, 0)).toBe('Big play');
    expect(clipName({ ...base, title: null, fileName: 'big-play.mp4' }, 0)).toBe('big-play');
    expect(clipName({ ...base, title: '  ', fileName: 'my.clip.webm' }, 0)).toBe('my.clip');
    expect(clipName({ ...base, title: null, fileName: null }, 2)).toBe('Clip 3');
  });
});
