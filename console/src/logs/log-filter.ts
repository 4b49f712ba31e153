import { LOG_LEVELS, type LogLevel } from './log-line.js';

/** Which levels the log pane shows: at or above `minLevel`, and each level switched on. */
export interface LogFilter {
  minLevel: LogLevel;
  enabled: Record<LogLevel, boolean>;
}

export const DEFAULT_FILTER: LogFilter = {
  minLevel: 'debug',
  enabled: { debug: true, info: true, warning: true, error: true },
};

const rank = (level: LogLevel) => LOG_LEVELS.indexOf(level);

export function isVisible(filter: LogFilter, level: LogLevel): boolean {
  return filter.enabled[level] && rank(level) >= rank(filter.minLevel);
}

/** debug → info → warning → error → debug. */
export function cycleMinLevel(filter: LogFilter): LogFilter {
  const next = LOG_LEVELS[(rank(filter.minLevel) + 1) % LOG_LEVELS.length]!;
  return { ...filter, minLevel: next };
}

export function toggleLevel(filter: LogFilter, level: LogLevel): LogFilter {
  return { ...filter, enabled: { ...filter.enabled, [level]: !filter.enabled[level] } };
}

/** "min info · debug off": what is hidden, in words. */
export function describeFilter(filter: LogFilter): string {
  const off = LOG_LEVELS.filter((level) => !filter.enabled[level]);
  return [`min ${filter.minLevel}`, ...(off.length ? [`${off.join(', ')} off`] : [])].join(' · ');
}
