import { isKnownTimezone, nextRunAfter, type ScheduleRule } from './schedule-next-run.js';

const rule = (fields: Partial<ScheduleRule>): ScheduleRule => ({
  type: 'daily',
  time: '09:00',
  weekday: null,
  dayOfMonth: null,
  timezone: 'UTC',
  ...fields,
});
const next = (fields: Partial<ScheduleRule>, after: string) =>
  nextRunAfter(rule(fields), new Date(after))?.toISOString() ?? null;

describe('nextRunAfter', () => {
  it.each([
    // [what, rule, after, expected]
    ['daily, later today', { time: '18:30' }, '2026-05-10T12:00:00Z', '2026-05-10T18:30:00.000Z'],
    [
      'daily, already past today',
      { time: '09:00' },
      '2026-05-10T12:00:00Z',
      '2026-05-11T09:00:00.000Z',
    ],
    [
      'daily, exactly due → the next day',
      { time: '09:00' },
      '2026-05-10T09:00:00Z',
      '2026-05-11T09:00:00.000Z',
    ],
    [
      'daily, Dec 31 → Jan 1',
      { time: '09:00' },
      '2026-12-31T10:00:00Z',
      '2027-01-01T09:00:00.000Z',
    ],
    [
      'weekly Monday across a month end',
      { type: 'weekly', weekday: 1 },
      '2026-01-30T00:00:00Z',
      '2026-02-02T09:00:00.000Z',
    ],
    [
      'weekly Sunday (0)',
      { type: 'weekly', weekday: 0 },
      '2026-05-11T00:00:00Z',
      '2026-05-17T09:00:00.000Z',
    ],
    [
      'weekly across the year end',
      { type: 'weekly', weekday: 5 },
      '2026-12-30T00:00:00Z',
      '2027-01-01T09:00:00.000Z',
    ],
    [
      'monthly 15th',
      { type: 'monthly', dayOfMonth: 15 },
      '2026-05-16T00:00:00Z',
      '2026-06-15T09:00:00.000Z',
    ],
    [
      'monthly Dec → Jan',
      { type: 'monthly', dayOfMonth: 10 },
      '2026-12-11T00:00:00Z',
      '2027-01-10T09:00:00.000Z',
    ],
    [
      'monthly 29, non-leap Feb → 28th',
      { type: 'monthly', dayOfMonth: 29 },
      '2027-02-01T00:00:00Z',
      '2027-02-28T09:00:00.000Z',
    ],
    [
      'monthly 29, leap Feb → 29th',
      { type: 'monthly', dayOfMonth: 29 },
      '2028-02-01T00:00:00Z',
      '2028-02-29T09:00:00.000Z',
    ],
    [
      'monthly 30, non-leap Feb → 28th',
      { type: 'monthly', dayOfMonth: 30 },
      '2027-02-01T00:00:00Z',
      '2027-02-28T09:00:00.000Z',
    ],
    [
      'monthly 30, leap Feb → 29th',
      { type: 'monthly', dayOfMonth: 30 },
      '2028-02-01T00:00:00Z',
      '2028-02-29T09:00:00.000Z',
    ],
    [
      'monthly 31, non-leap Feb → 28th',
      { type: 'monthly', dayOfMonth: 31 },
      '2027-02-01T00:00:00Z',
      '2027-02-28T09:00:00.000Z',
    ],
    [
      'monthly 31, leap Feb → 29th',
      { type: 'monthly', dayOfMonth: 31 },
      '2028-02-01T00:00:00Z',
      '2028-02-29T09:00:00.000Z',
    ],
    [
      'monthly 31 in April → 30th',
      { type: 'monthly', dayOfMonth: 31 },
      '2026-04-01T00:00:00Z',
      '2026-04-30T09:00:00.000Z',
    ],
    [
      'monthly 31 in March → 31st',
      { type: 'monthly', dayOfMonth: 31 },
      '2026-03-01T00:00:00Z',
      '2026-03-31T09:00:00.000Z',
    ],
    [
      'monthly 30 in March → 30th, not 31st too',
      { type: 'monthly', dayOfMonth: 30 },
      '2026-03-30T10:00:00Z',
      '2026-04-30T09:00:00.000Z',
    ],
    [
      'monthly 29, after the leap-day run → Mar 29',
      { type: 'monthly', dayOfMonth: 29 },
      '2028-02-29T09:00:00Z',
      '2028-03-29T09:00:00.000Z',
    ],
    [
      'monthly 31, Dec 31 → Jan 31',
      { type: 'monthly', dayOfMonth: 31 },
      '2026-12-31T10:00:00Z',
      '2027-01-31T09:00:00.000Z',
    ],
    [
      'a zone: 09:00 in New York (EST)',
      { timezone: 'America/New_York' },
      '2026-01-10T00:00:00Z',
      '2026-01-10T14:00:00.000Z',
    ],
    ['legacy once: never again', { type: 'once' }, '2026-01-10T00:00:00Z', null],
  ] as const)('%s', (_what, fields, after, expected) => {
    expect(next(fields, after)).toBe(expected);
  });

  describe('DST in Europe/Berlin', () => {
    const berlin = (time: string) => ({ time, timezone: 'Europe/Berlin' });

    it('runs a 02:30 that does not exist (spring forward, Mar 29 2026) once, at 03:00 CEST', () => {
      const first = next(berlin('02:30'), '2026-03-28T12:00:00Z');
      expect(first).toBe('2026-03-29T01:00:00.000Z');
      // The next one is the day after, at 02:30 CEST: not a second run in the gap's day.
      expect(next(berlin('02:30'), first!)).toBe('2026-03-30T00:30:00.000Z');
    });

    it('runs a 02:30 that happens twice (fall back, Oct 25 2026) once, the first time', () => {
      const first = next(berlin('02:30'), '2026-10-24T12:00:00Z');
      expect(first).toBe('2026-10-25T00:30:00.000Z');
      expect(next(berlin('02:30'), first!)).toBe('2026-10-26T01:30:00.000Z');
    });

    it('keeps a time outside the change on local time across it', () => {
      expect(next(berlin('09:00'), '2026-03-28T12:00:00Z')).toBe('2026-03-29T07:00:00.000Z');
      expect(next(berlin('09:00'), '2026-03-27T12:00:00Z')).toBe('2026-03-28T08:00:00.000Z');
    });
  });

  it('recomputes when a schedule is edited', () => {
    const after = '2026-05-10T12:00:00Z';
    expect(next({ type: 'daily', time: '18:00' }, after)).toBe('2026-05-10T18:00:00.000Z');
    expect(next({ type: 'weekly', weekday: 3, time: '18:00' }, after)).toBe(
      '2026-05-13T18:00:00.000Z',
    );
    expect(next({ type: 'weekly', weekday: 3, time: '18:00', timezone: 'Asia/Tokyo' }, after)).toBe(
      '2026-05-13T09:00:00.000Z',
    );
  });

  it('refuses a time that is not HH:MM', () => {
    expect(() => next({ time: '25:00' }, '2026-01-01T00:00:00Z')).toThrow(/HH:MM/);
  });
});

describe('isKnownTimezone', () => {
  it.each(['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires'])('knows %s', (zone) => {
    expect(isKnownTimezone(zone)).toBe(true);
  });
  it.each(['Mars/Olympus', '', 'Europe/Berlinn'])('does not know "%s"', (zone) => {
    expect(isKnownTimezone(zone)).toBe(false);
  });
});
