import type { LogEntry, LogLevel } from '../logs/log-line.js';
import { formatClock } from './format.js';
import type { Row, Segment } from './segments.js';

const LEVEL_STYLE: Record<LogLevel, { label: string; color: Segment['color'] }> = {
  debug: { label: 'DEBUG', color: 'gray' },
  info: { label: 'INFO ', color: 'green' },
  warning: { label: 'WARN ', color: 'yellow' },
  error: { label: 'ERROR', color: 'red' },
};

/** "10:20:30.123 WARN  [JobsService] message": one log line as one coloured row. */
export function logRow(entry: LogEntry): Row {
  const style = LEVEL_STYLE[entry.level];
  return [
    { text: entry.time ? `${formatClock(entry.time, true)} ` : '             ', dim: true },
    { text: `${style.label} `, color: style.color, bold: entry.level === 'error' },
    ...(entry.context ? [{ text: `[${entry.context}] `, color: 'cyan' as const }] : []),
    {
      text: entry.message,
      color: entry.level === 'error' ? 'red' : entry.level === 'debug' ? 'gray' : undefined,
    },
  ];
}
