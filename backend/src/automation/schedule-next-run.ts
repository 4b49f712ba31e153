import { Cron } from 'croner';
import type { ScheduleType } from '@clippyfront/shared';

export interface ScheduleRule {
  type: ScheduleType;
  /** HH:MM local to `timezone`. */
  time: string;
  weekday: number | null;
  dayOfMonth: number | null;
  timezone: string;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Whether the runtime knows this IANA zone (aliases such as UTC included). */
export function isKnownTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export function parseTime(time: string): { hour: number; minute: number } | null {
  const match = TIME.exec(time);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : null;
}

/**
 * The cron patterns whose earliest next time is the schedule's next run. A monthly day 29 or 30
 * also fires on the last day of February (the only month shorter than 29/30 days); day 31 is
 * croner's `L` (the last day of every month).
 */
function patterns(rule: ScheduleRule): string[] {
  const parsed = parseTime(rule.time);
  if (!parsed) throw new RangeError(`time must be HH:MM, not "${rule.time}"`);
  const at = `${parsed.minute} ${parsed.hour}`;
  switch (rule.type) {
    case 'daily':
      return [`${at} * * *`];
    case 'weekly':
      return [`${at} * * ${rule.weekday ?? 0}`];
    case 'monthly': {
      const day = rule.dayOfMonth ?? 1;
      if (day >= 31) return [`${at} L * *`];
      if (day >= 29) return [`${at} ${day} * *`, `${at} L 2 *`];
      return [`${at} ${day} * *`];
    }
    case 'once':
      return [];
  }
}

/**
 * The first time after `after` the schedule is due (null: never, e.g. a legacy `once`).
 *
 * DST (croner's rules, tested in schedule-next-run.spec.ts): a local time that does not exist
 * that day (02:30 when clocks jump from 02:00 to 03:00) runs once, at the first instant after the
 * gap (03:00 new local time); a local time that occurs twice (02:30 when clocks fall back from
 * 03:00 to 02:00) runs once, at its first occurrence (still on summer time).
 */
export function nextRunAfter(rule: ScheduleRule, after: Date): Date | null {
  const times = patterns(rule)
    .map((pattern) => new Cron(pattern, { timezone: rule.timezone, paused: true }).nextRun(after))
    .filter((time): time is Date => time !== null);
  if (!times.length) return null;
  return new Date(Math.min(...times.map((time) => time.getTime())));
}
