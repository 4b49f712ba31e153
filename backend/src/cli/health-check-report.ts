import type { PartName, ProbeResult } from './connectivity-probes.js';

/** Each part's bit in the exit code; several failing parts add up (database + API = 10). */
export const EXIT_BITS: Record<PartName, number> = { database: 2, redis: 4, api: 8 };

export function exitCodeOf(results: ProbeResult[]): number {
  return results.reduce((code, r) => (r.status === 'down' ? code | EXIT_BITS[r.part] : code), 0);
}

const LABELS: Record<PartName, string> = { database: 'PostgreSQL', redis: 'Redis', api: 'API' };

export function describe(results: ProbeResult[]): string {
  return results
    .map((r) => {
      const where = r.target ? ` ${r.target}` : '';
      const time = r.ms === null ? '' : ` (${r.ms} ms)`;
      return `${LABELS[r.part].padEnd(10)} ${r.status.padEnd(7)} ${r.detail}${where}${time}`;
    })
    .join('\n');
}

/** The one line on stderr when something is down. */
export function failureLine(results: ProbeResult[]): string | null {
  const down = results.filter((r) => r.status === 'down');
  if (!down.length) return null;
  return down.map((r) => `${LABELS[r.part]} down: ${r.detail}`).join('; ');
}
