import { makeTier } from '../../../testing/tier-fixtures';
import { tierCapsText, tierRenderText, tierStorageText } from './tier-format';

describe('tier format', () => {
  it('says what a tier allows', () => {
    const free = makeTier();
    expect(tierStorageText(free)).toBe('1.0 GiB');
    expect(tierRenderText(free)).toBe('30 min');
    expect(tierCapsText(free)).toBe('1080p · 30 fps · 20 clips per project');
    expect(tierCapsText({ ...free, maxClipsPerProject: 1 })).toBe(
      '1080p · 30 fps · 1 clip per project',
    );

    const open = makeTier({
      storageLimitBytes: null,
      monthlyRenderSeconds: null,
      maxClipsPerProject: null,
    });
    expect(tierStorageText(open)).toBe('Server quota');
    expect(tierRenderText(open)).toBe('No limit');
    expect(tierCapsText(open)).toBe('1080p · 30 fps · no clip cap');

    const unlimited = makeTier({ unlimited: true });
    expect(tierStorageText(unlimited)).toBe('Unlimited');
    expect(tierRenderText(unlimited)).toBe('Unlimited');
  });
});
