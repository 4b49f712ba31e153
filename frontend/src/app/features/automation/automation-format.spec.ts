import { describeSchedule, describeSource, formatWhen } from './automation-format';

describe('automation format', () => {
  it('describes sources', () => {
    expect(
      describeSource({
        kind: 'twitch',
        username: 'streamer',
        lastDays: 7,
        count: 10,
        minViews: 5,
        sort: 'views',
      }),
    ).toBe('Twitch: streamer, 10 most viewed of 7 day(s), ≥ 5 views');
    expect(
      describeSource({
        kind: 'twitch',
        username: null,
        lastDays: 1,
        count: 3,
        minViews: 0,
        sort: 'newest',
      }),
    ).toBe('Twitch: your Twitch username, 3 newest of 1 day(s)');
    expect(describeSource({ kind: 'discord', channelId: '42', count: 4 })).toBe(
      'Discord: channel 42, newest 4',
    );
  });

  it('describes schedules', () => {
    const base = { time: '09:30', weekday: null, dayOfMonth: null, timezone: 'UTC' };
    expect(describeSchedule({ ...base, type: 'daily' })).toBe('Daily 09:30 (UTC)');
    expect(describeSchedule({ ...base, type: 'weekly', weekday: 1 })).toBe(
      'Weekly, Monday 09:30 (UTC)',
    );
    expect(describeSchedule({ ...base, type: 'monthly', dayOfMonth: 31 })).toBe(
      'Monthly, day 31 (or the last day) 09:30 (UTC)',
    );
    expect(describeSchedule({ ...base, type: 'monthly', dayOfMonth: 5 })).toBe(
      'Monthly, day 5 09:30 (UTC)',
    );
  });

  it('formats times, a dash for none', () => {
    expect(formatWhen(null)).toBe('—');
    expect(formatWhen('2026-05-10T12:00:00Z', 'en-GB')).toMatch(/2026/);
  });
});
