import {
  DEFAULT_OUTPUT_SETTINGS,
  type ArrangementDto,
  type TimelineClipDto,
  type TimelineDto,
} from '@clippyfront/shared';
import { compilePayload, compileSettings, estimateOutputSeconds } from './compile-payload.js';

const clip = (id: string, extra: Partial<TimelineClipDto> = {}): TimelineClipDto =>
  ({
    id,
    mediaId: `media-${id}`,
    title: `Title ${id}`,
    creatorName: null,
    gameName: 'Game',
    hasAvatar: false,
    ...extra,
  }) as TimelineClipDto;

describe('compileSettings', () => {
  it('takes what the request chose', () => {
    expect(
      compileSettings(DEFAULT_OUTPUT_SETTINGS, {
        resolution: '2160p',
        fps: 25,
        format: 'mkv',
        quality: 'high',
      }),
    ).toEqual({ resolution: '2160p', fps: 25, format: 'mkv', quality: 'high' });
  });

  it('starts from the project’s settings as they are: every one the project offers compiles', () => {
    const from = (resolution: string, fps: number, format: string) =>
      compileSettings({ ...DEFAULT_OUTPUT_SETTINGS, resolution, fps, format } as never, {});
    expect(from('720p', 24, 'webm')).toEqual({
      resolution: '720p',
      fps: 24,
      format: 'webm',
      quality: 'standard',
    });
    expect(from('2160p', 50, 'mkv')).toEqual({
      resolution: '2160p',
      fps: 50,
      format: 'mkv',
      quality: 'standard',
    });
    expect(from('1440p', 25, 'mp4')).toMatchObject({ resolution: '1440p', fps: 25 });
  });
});

describe('compilePayload', () => {
  const arrangement: ArrangementDto = {
    introId: 'intro',
    outroId: null,
    transitionIds: ['t2', 't1'],
    randomizeTransitions: true,
  };
  const timeline = {
    items: [clip('b', { creatorName: 'Ann' }), clip('a', { hasAvatar: true })],
  } as TimelineDto;

  it('lists the timeline’s clips in order with the arrangement and the output profile', () => {
    const payload = compilePayload({
      projectId: 'p',
      projectName: 'Week 1',
      maxClipSeconds: 30,
      settings: { resolution: '2160p', fps: 50, format: 'webm', quality: 'small' },
      timeline,
      arrangement,
      mediaNames: new Map([
        ['intro', 'My intro'],
        ['t1', 'Swoosh'],
        ['media-a', 'big-play.mp4'],
      ]),
      mediaHashes: new Map([['intro', 'a'.repeat(64)]]),
      watermark: false,
      estimatedSeconds: 42.5,
    });
    expect(payload).toMatchObject({
      projectId: 'p',
      outputName: 'Week 1',
      output: { width: 3840, height: 2160, fps: 50, format: 'webm', crf: 28 },
      intro: { mediaId: 'intro', name: 'My intro', sha256: 'a'.repeat(64) },
      outro: null,
      // Without a hash the worker hashes what it fetches.
      transitions: [
        { mediaId: 't2', name: 't2' },
        { mediaId: 't1', name: 'Swoosh' },
      ],
      randomizeTransitions: true,
      watermark: false,
      estimatedSeconds: 42.5,
    });
    expect(
      payload.clips.map((c) => [c.clipId, c.mediaId, c.avatarAvailable, c.maxSeconds]),
    ).toEqual([
      ['b', 'media-b', true, 30],
      ['a', 'media-a', true, 30],
    ]);
    // A clip without a title is named after its file (chapters, stage lines).
    expect(payload.clips.map((c) => c.fileName)).toEqual([null, 'big-play.mp4']);
    expect(Number.isInteger(payload.seed)).toBe(true);
  });

  it('asks for no avatar when the clip has neither an avatar nor a creator', () => {
    const payload = compilePayload({
      projectId: 'p',
      projectName: 'x',
      maxClipSeconds: 10,
      settings: { resolution: '720p', fps: 30, format: 'mp4', quality: 'standard' },
      timeline: { items: [clip('c')] } as TimelineDto,
      arrangement: { ...arrangement, introId: null, transitionIds: [] },
      mediaNames: new Map(),
      mediaHashes: new Map(),
      watermark: true,
      estimatedSeconds: 1,
    });
    expect(payload.clips[0]!.avatarAvailable).toBe(false);
    expect(payload).toMatchObject({ intro: null, transitions: [], watermark: true });
    expect(payload.output).toMatchObject({ width: 1280, height: 720, crf: 23 });
  });
});

describe('estimateOutputSeconds', () => {
  const timeline = {
    items: [clip('a', { playSeconds: 30 }), clip('b', { playSeconds: 12.5 }), clip('c')],
  } as TimelineDto;

  it('sums clips as cut, intro, outro, cycled transitions and the bumpers', () => {
    const seconds = estimateOutputSeconds(
      timeline,
      { introId: 'i', outroId: 'o', transitionIds: ['t'], randomizeTransitions: false },
      new Map<string, number | null>([
        ['i', 3],
        ['o', 2],
        ['t', 1],
      ]),
    );
    // i S a S t S b S t S c S o: 42.5 + 3 + 2 + 2 × 1 + 6 × 0.5.
    expect(seconds).toBe(52.5);
  });

  it('counts media of unknown length as 0 s, keeping their bumpers', () => {
    const seconds = estimateOutputSeconds(
      timeline,
      { introId: 'gone', outroId: null, transitionIds: [], randomizeTransitions: false },
      new Map(),
    );
    expect(seconds).toBe(42.5 + 3 * 0.5);
  });
});
