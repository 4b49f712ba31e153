import { BadRequestException } from '@nestjs/common';
import { checkRule } from './automation-schedules.service.js';

const base = { time: '09:00', weekday: null, dayOfMonth: null, timezone: 'UTC' };
const message = (rule: Parameters<typeof checkRule>[0]) => {
  try {
    checkRule(rule);
  } catch (error) {
    expect(error).toBeInstanceOf(BadRequestException);
    return (error as Error).message;
  }
  throw new Error('accepted');
};

describe('checkRule', () => {
  it('keeps only the fields the type uses', () => {
    expect(checkRule({ ...base, type: 'daily', weekday: 3, dayOfMonth: 4 })).toEqual({
      ...base,
      type: 'daily',
    });
    expect(checkRule({ ...base, type: 'weekly', weekday: 3, dayOfMonth: 4 })).toMatchObject({
      weekday: 3,
      dayOfMonth: null,
    });
    expect(checkRule({ ...base, type: 'monthly', weekday: 3, dayOfMonth: 31 })).toMatchObject({
      weekday: null,
      dayOfMonth: 31,
    });
  });

  it.each([
    [{ ...base, type: 'once' as const }, /"once"\) schedules can no longer be created/],
    [{ ...base, type: 'yearly' as never }, /^type must be one of daily, weekly, monthly$/],
    [{ ...base, type: 'daily' as const, time: '7:00' }, /^time must be HH:MM/],
    [{ ...base, type: 'daily' as const, timezone: 'Nowhere/City' }, /^timezone: "Nowhere\/City"/],
    [{ ...base, type: 'weekly' as const }, /^weekday is required/],
    [{ ...base, type: 'monthly' as const }, /^dayOfMonth is required/],
  ])('refuses %j', (rule, expected) => {
    expect(message(rule)).toMatch(expected);
  });
});
