import { monthWindow, renderLimitOf, storageLimitOf } from './tier-limits.js';

const tier = (fields: Partial<Parameters<typeof storageLimitOf>[0] & object> = {}) => ({
  unlimited: false,
  storageLimitBytes: null,
  monthlyRenderSeconds: null,
  ...fields,
});

describe('storageLimitOf (precedence)', () => {
  it('unlimited flag → none, whatever the limit and STORAGE_QUOTA', () => {
    expect(storageLimitOf(tier({ unlimited: true, storageLimitBytes: 10 }), 5)).toBeNull();
  });
  it('a tier limit → that, over STORAGE_QUOTA', () => {
    expect(storageLimitOf(tier({ storageLimitBytes: 10 }), 5)).toBe(10);
    expect(storageLimitOf(tier({ storageLimitBytes: 0 }), 5)).toBe(0);
  });
  it('no tier, or a tier without a limit → STORAGE_QUOTA (or none)', () => {
    expect(storageLimitOf(null, 5)).toBe(5);
    expect(storageLimitOf(tier(), 5)).toBe(5);
    expect(storageLimitOf(null, null)).toBeNull();
  });
});

describe('renderLimitOf', () => {
  it('is the tier limit unless unlimited; none without a tier', () => {
    expect(renderLimitOf(tier({ monthlyRenderSeconds: 1800 }))).toBe(1800);
    expect(renderLimitOf(tier({ monthlyRenderSeconds: 1800, unlimited: true }))).toBeNull();
    expect(renderLimitOf(tier())).toBeNull();
    expect(renderLimitOf(null)).toBeNull();
  });
});

describe('monthWindow', () => {
  it('is the UTC calendar month, whatever the local time', () => {
    expect(monthWindow(new Date('2026-03-31T23:59:59.999Z'))).toEqual({
      start: new Date('2026-03-01T00:00:00Z'),
      end: new Date('2026-04-01T00:00:00Z'),
    });
  });
  it('rolls December into January of the next year', () => {
    expect(monthWindow(new Date('2026-12-15T12:00:00Z'))).toEqual({
      start: new Date('2026-12-01T00:00:00Z'),
      end: new Date('2027-01-01T00:00:00Z'),
    });
    expect(monthWindow(new Date('2027-01-01T00:00:00Z')).start).toEqual(
      new Date('2027-01-01T00:00:00Z'),
    );
  });
});
