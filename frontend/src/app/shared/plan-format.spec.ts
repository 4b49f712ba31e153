import { makePlanUsage } from '../../testing/tier-fixtures';
import {
  percentUsed,
  renderSecondsLeft,
  renderUsageText,
  storageUsageText,
  watermarkOn,
} from './plan-format';

describe('plan format', () => {
  it('says how much storage and render time was used of the limit', () => {
    const free = makePlanUsage();
    expect(storageUsageText(free)).toBe('256.0 MiB of 1.0 GiB');
    expect(renderUsageText(free)).toBe('12 min of 30 min');
    expect(renderSecondsLeft(free)).toBe(1080);

    const none = makePlanUsage({ storage: { limitBytes: null }, render: { limitSeconds: null } });
    expect(storageUsageText(none)).toBe('256.0 MiB (no limit)');
    expect(renderUsageText(none)).toBe('12 min (no limit)');
    expect(renderSecondsLeft(none)).toBeNull();

    const unlimited = makePlanUsage({
      tier: { name: 'Unlimited', unlimited: true },
      storage: { limitBytes: null },
      render: { limitSeconds: null },
    });
    expect(storageUsageText(unlimited)).toBe('256.0 MiB (unlimited)');
    expect(renderUsageText(unlimited)).toBe('12 min (unlimited)');
    expect(renderSecondsLeft(unlimited)).toBeNull();

    const over = makePlanUsage({ render: { usedSecondsThisMonth: 2000 } });
    expect(renderSecondsLeft(over)).toBe(0);
  });

  it('gives the share of a limit', () => {
    expect(percentUsed(25, 100)).toBe(25);
    expect(percentUsed(250, 100)).toBe(100);
    expect(percentUsed(0, 0)).toBe(100);
    expect(percentUsed(5, null)).toBeNull();
  });

  it('decides the watermark: override, no tier, unlimited, the tier', () => {
    const free = makePlanUsage();
    expect(watermarkOn(free)).toBe(true);
    expect(watermarkOn(free, 'never')).toBe(false);
    expect(watermarkOn(makePlanUsage({ tier: { watermark: false } }))).toBe(false);
    expect(watermarkOn(makePlanUsage({ tier: { watermark: false } }), 'always')).toBe(true);
    expect(watermarkOn(makePlanUsage({ tier: { unlimited: true } }))).toBe(false);
    expect(watermarkOn(makePlanUsage({ tier: null }))).toBe(true);
  });
});
