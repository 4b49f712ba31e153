import type { AutomationRunDto, ScheduleDto, TaskSource } from '@clippyfront/shared';

export const WEEKDAYS = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
];

export const STAGE_LABELS: Record<AutomationRunDto['stage'], string> = {
  fetch: 'Fetching clips',
  project: 'Creating the project',
  clips: 'Adding clips',
  downloads: 'Downloading',
  timeline: 'Building the timeline',
  compile: 'Compiling',
  done: 'Done',
};

/** "Twitch: streamer, 10 most viewed of 7 days" / "Discord: channel 123, newest 10". */
export function describeSource(source: TaskSource): string {
  if (source.kind === 'discord') {
    return `Discord: channel ${source.channelId}, newest ${source.count}`;
  }
  const who = source.username ?? 'your Twitch username';
  const order = source.sort === 'views' ? 'most viewed' : 'newest';
  const views = source.minViews ? `, ≥ ${source.minViews} views` : '';
  return `Twitch: ${who}, ${source.count} ${order} of ${source.lastDays} day(s)${views}`;
}

/** "Weekly, Monday 09:30 (Europe/Berlin)". */
export function describeSchedule(
  schedule: Pick<ScheduleDto, 'type' | 'time' | 'weekday' | 'dayOfMonth' | 'timezone'>,
): string {
  const zone = ` (${schedule.timezone})`;
  switch (schedule.type) {
    case 'daily':
      return `Daily ${schedule.time}${zone}`;
    case 'weekly':
      return `Weekly, ${WEEKDAYS[schedule.weekday ?? 0]} ${schedule.time}${zone}`;
    case 'monthly':
      return `Monthly, day ${schedule.dayOfMonth}${(schedule.dayOfMonth ?? 0) > 28 ? ' (or the last day)' : ''} ${schedule.time}${zone}`;
    case 'once':
      return `Once (legacy) ${schedule.time}${zone}`;
  }
}

/** A time in the reader's locale and zone; "—" for none. */
export function formatWhen(iso: string | null | undefined, locale?: string): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
    new Date(iso),
  );
}

/** The browser's IANA zone, the default for a new schedule. */
export function localTimezone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
