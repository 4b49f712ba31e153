import {
  column,
  describeError,
  formatAgo,
  formatBytes,
  formatClock,
  formatDuration,
  progressBar,
} from './format.js';

describe('format', () => {
  it('durations, ages and clock times', () => {
    expect([0, 59, 61, 3725, 90061].map(formatDuration)).toEqual([
      '0s',
      '59s',
      '1m 01s',
      '1h 02m',
      '1d 1h',
    ]);
    const now = new Date('2026-01-02T10:00:10Z');
    expect(formatAgo('2026-01-02T10:00:06Z', now)).toBe('4s ago');
    expect(formatAgo('2026-01-02T10:00:20Z', now)).toBe('just now');
    expect(formatAgo(null, now)).toBe('—');
    expect(formatClock(new Date(2026, 0, 2, 9, 5, 3, 7), true)).toBe('09:05:03.007');
  });

  it('bytes, progress bars and columns', () => {
    expect([null, 512, 1536, 50 * 1024 ** 3].map(formatBytes)).toEqual([
      '—',
      '512 B',
      '1.5 KB',
      '50 GB',
    ]);
    expect(progressBar(45)).toBe('[#####-----]  45%');
    expect(progressBar(140)).toBe('[##########] 100%');
    expect(progressBar(-3)).toBe('[----------]   0%');
    expect(column('worker-with-a-long-name', 8)).toBe('worker-…');
    expect(column('gpu', 5)).toBe('gpu  ');
  });

  it('names the system error behind a failed fetch', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8000'), {
        code: 'ECONNREFUSED',
        address: '127.0.0.1',
        port: 8000,
      }),
    });
    expect(describeError(refused)).toBe('ECONNREFUSED 127.0.0.1:8000');
    const both = new TypeError('fetch failed', {
      cause: new AggregateError([
        Object.assign(new Error('x'), { code: 'ECONNREFUSED', address: '::1', port: 3000 }),
      ]),
    });
    expect(describeError(both)).toBe('ECONNREFUSED ::1:3000');
    expect(describeError(new DOMException('timed out', 'TimeoutError'))).toBe(
      'no answer (timed out)',
    );
    expect(describeError(new Error('/api/health: 502'))).toBe('/api/health: 502');
    const cut = new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    });
    expect(describeError(cut)).toBe('fetch failed: other side closed');
    expect(describeError('plain')).toBe('plain');
  });
});
