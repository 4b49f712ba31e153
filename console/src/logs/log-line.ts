/** One log line as the console shows it: parsed from the API's pino JSON lines, or kept raw. */
export const LOG_LEVELS = ['debug', 'info', 'warning', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LogEntry {
  time: Date | null;
  level: LogLevel;
  context: string | null;
  message: string;
  /** The file the line came from (several files are tailed at once). */
  file: string | null;
}

/** Fields pino and the app's logger always write: shown in their own columns, or not at all. */
const KNOWN_FIELDS = new Set([
  'level',
  'time',
  'pid',
  'hostname',
  'app',
  'context',
  'msg',
  'message',
  'stack',
  'err',
  'v',
]);

const NAMED_LEVELS: Record<string, LogLevel> = {
  trace: 'debug',
  verbose: 'debug',
  debug: 'debug',
  info: 'info',
  log: 'info',
  warn: 'warning',
  warning: 'warning',
  error: 'error',
  fatal: 'error',
  critical: 'error',
};

/** pino's numbers (trace 10, debug 20, info 30, warn 40, error 50, fatal 60) or level names. */
export function toLogLevel(value: unknown): LogLevel | null {
  if (typeof value === 'number') {
    if (value <= 20) return 'debug';
    if (value <= 30) return 'info';
    if (value <= 40) return 'warning';
    return 'error';
  }
  if (typeof value === 'string') return NAMED_LEVELS[value.toLowerCase()] ?? null;
  return null;
}

function toTime(value: unknown): Date | null {
  if (typeof value !== 'number' && typeof value !== 'string') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function extraFields(record: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(record)) {
    if (KNOWN_FIELDS.has(key) || value === undefined || value === null) continue;
    const text = typeof value === 'string' ? value : JSON.stringify(value);
    parts.push(`${key}=${text.length > 80 ? `${text.slice(0, 79)}…` : text}`);
  }
  return parts.join(' ');
}

function errorText(record: Record<string, unknown>): string | null {
  const err = record.err as { message?: unknown; stack?: unknown } | undefined;
  const stack = typeof record.stack === 'string' ? record.stack : err?.stack;
  if (typeof stack === 'string' && stack.trim()) return stack.trim().split('\n')[0]!.trim();
  return typeof err?.message === 'string' ? err.message : null;
}

/** A JSON line becomes its fields; anything else (a stack trace, stray output) stays as text. */
export function parseLogLine(line: string, file: string | null = null): LogEntry {
  const text = line.replace(/\r$/, '');
  let record: unknown;
  try {
    record = text.trimStart().startsWith('{') ? JSON.parse(text) : undefined;
  } catch {
    record = undefined;
  }
  if (!record || typeof record !== 'object' || Array.isArray(record)) {
    return { time: null, level: 'info', context: null, message: text, file };
  }
  const fields = record as Record<string, unknown>;
  const rawMessage = fields.msg ?? fields.message;
  const message = [
    typeof rawMessage === 'string'
      ? rawMessage
      : rawMessage === undefined
        ? ''
        : String(rawMessage),
    errorText(fields),
    extraFields(fields),
  ]
    .filter(Boolean)
    .join(' — ');
  return {
    time: toTime(fields.time),
    level: toLogLevel(fields.level) ?? 'info',
    context: typeof fields.context === 'string' && fields.context ? fields.context : null,
    message,
    file,
  };
}
