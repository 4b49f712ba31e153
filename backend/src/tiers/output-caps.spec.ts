import type { CompileSettingsDto } from '@clippyfront/shared';
import { assertClipCap, capOutput, ClipCapExceededException, watermarkFor } from './output-caps.js';
import type { TierEntity } from './tier.entity.js';

const tier = (fields: Partial<TierEntity> = {}) =>
  ({
    name: 'Free',
    unlimited: false,
    watermark: true,
    maxResolution: '1080p',
    maxFps: 30,
    maxClipsPerProject: 20,
    ...fields,
  }) as TierEntity;
const asked = (fields: Partial<CompileSettingsDto> = {}): CompileSettingsDto => ({
  resolution: '2160p',
  fps: 60,
  format: 'webm',
  quality: 'high',
  ...fields,
});

describe('capOutput', () => {
  it('lowers resolution and frame rate to the cap and says so', () => {
    const { settings, note } = capOutput(asked(), tier());
    expect(settings).toEqual({ resolution: '1080p', fps: 30, format: 'webm', quality: 'high' });
    expect(note).toBe('Tier limit (Free): output lowered, 2160p → 1080p, 60 → 30 fps');
  });

  it('never raises: settings under the cap stay as asked, without a note', () => {
    expect(capOutput(asked({ resolution: '720p', fps: 24 }), tier())).toEqual({
      settings: asked({ resolution: '720p', fps: 24 }),
      note: null,
    });
  });

  it('picks the highest offered frame rate under an odd cap', () => {
    expect(capOutput(asked({ resolution: '720p' }), tier({ maxFps: 48 })).settings.fps).toBe(30);
    expect(
      capOutput(asked({ resolution: '720p', fps: 30 }), tier({ maxFps: 20 })).settings.fps,
    ).toBe(24);
  });

  it('caps nothing for no tier or an unlimited one', () => {
    expect(capOutput(asked(), null).note).toBeNull();
    expect(capOutput(asked(), tier({ unlimited: true, maxResolution: '720p' })).settings).toEqual(
      asked(),
    );
  });
});

describe('watermarkFor (the SPEC policy matrix)', () => {
  const user = { role: 'user' as const, watermarkOverride: 'default' as const };
  const admin = { role: 'admin' as const, watermarkOverride: 'default' as const };

  it.each([
    ['a user of a tier with the watermark', user, tier(), true],
    ['a user of a tier without it', user, tier({ watermark: false }), false],
    ['a user of the unlimited tier', user, tier({ unlimited: true }), false],
    ['a user without a tier', user, null, true],
    ['an admin of a tier with the watermark', admin, tier(), false],
    ['an admin without a tier', admin, null, false],
    [
      'override never, tier with it',
      { ...user, watermarkOverride: 'never' as const },
      tier(),
      false,
    ],
    ['override never, no tier', { ...user, watermarkOverride: 'never' as const }, null, false],
    [
      'override always, unlimited tier',
      { ...user, watermarkOverride: 'always' as const },
      tier({ unlimited: true }),
      true,
    ],
    ['override always, admin', { ...admin, watermarkOverride: 'always' as const }, null, true],
  ])('%s → %s', (_, who, plan, expected) => {
    expect(watermarkFor(who, plan)).toBe(expected);
  });
});

describe('assertClipCap', () => {
  it('refuses a timeline over the cap with the numbers', () => {
    expect(() => assertClipCap(tier({ maxClipsPerProject: 2 }), 3)).toThrow(
      ClipCapExceededException,
    );
    try {
      assertClipCap(tier({ maxClipsPerProject: 2 }), 3);
    } catch (error) {
      expect((error as ClipCapExceededException).getResponse()).toMatchObject({
        statusCode: 403,
        maxClipsPerProject: 2,
        clipCount: 3,
        message: expect.stringMatching(/allows 2 clip\(s\).*has 3/),
      });
    }
  });

  it('lets through a timeline at the cap, any timeline without one, or unlimited', () => {
    expect(() => assertClipCap(tier({ maxClipsPerProject: 2 }), 2)).not.toThrow();
    expect(() => assertClipCap(tier({ maxClipsPerProject: null }), 500)).not.toThrow();
    expect(() => assertClipCap(tier({ unlimited: true, maxClipsPerProject: 1 }), 5)).not.toThrow();
    expect(() => assertClipCap(null, 500)).not.toThrow();
  });
});
