/** Short human texts for the panes; pure, so the tests pin them. */

export function formatDuration(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(s / 86400);
  const hours = Math.floor((s % 86400) / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  const seconds = s % 60;
  if (days) return `${days}d ${hours}h`;
  if (hours) return `${hours}h ${String(minutes).padStart(2, '0')}m`;
  if (minutes) return `${minutes}m ${String(seconds).padStart(2, '0')}s`;
  return `${seconds}s`;
}

/** "4s ago"; a time in the future (clock skew) reads as "just now". */
export function formatAgo(iso: string | null, now: Date): string {
  if (!iso) return '—';
  const seconds = (now.getTime() - new Date(iso).getTime()) / 1000;
  if (Number.isNaN(seconds)) return '—';
  return seconds < 1 ? 'just now' : `${formatDuration(seconds)} ago`;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit ? value.toFixed(value < 10 ? 1 : 0) : value} ${units[unit]}`;
}

/** Local wall-clock time, HH:MM:SS (with milliseconds for log lines). */
export function formatClock(date: Date, withMillis = false): string {
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const base = `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
  return withMillis ? `${base}.${pad(date.getMilliseconds(), 3)}` : base;
}

/** "[######----]  60%" for a job's progress (0..100). */
export function progressBar(progress: number, width = 10): string {
  const percent = Math.max(0, Math.min(100, progress));
  const filled = Math.round((percent / 100) * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.round(percent)).padStart(3)}%`;
}

export function shortId(id: string): string {
  return id.slice(0, 8);
}

/** Cuts to `width` with an ellipsis, then pads, so columns line up. */
export function column(text: string, width: number): string {
  const cut = text.length > width ? `${text.slice(0, Math.max(0, width - 1))}…` : text;
  return cut.padEnd(width);
}

interface SystemErrorLike {
  code?: string;
  address?: string;
  port?: number;
  message?: string;
  errors?: unknown[];
  cause?: unknown;
}

/**
 * Why a request failed, the way an operator reads it: "ECONNREFUSED 127.0.0.1:8000" rather than
 * fetch's "fetch failed".
 */
export function describeError(error: unknown): string {
  const seen = new Set<unknown>();
  const messages: string[] = [];
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as SystemErrorLike;
    if (typeof e.code === 'string' && /^E[A-Z]+$/.test(e.code)) {
      const where = e.address ? ` ${e.address}${e.port ? `:${e.port}` : ''}` : '';
      return `${e.code}${where}`;
    }
    if ((current as Error).name === 'TimeoutError') return 'no answer (timed out)';
    if (typeof e.message === 'string' && e.message && !messages.includes(e.message)) {
      messages.push(e.message);
    }
    current = e.cause ?? e.errors?.[0];
  }
  // Not `instanceof Error`: fetch's errors may come from another realm (tests' VM contexts).
  return messages.length ? messages.join(': ') : String(error);
}
