import { rowText } from './segments.js';
import { statusRows } from './status-rows.js';
import { busySnapshot, NOW } from './testing/snapshots.js';

const API = 'http://127.0.0.1:3000';
const text = (...args: Parameters<typeof statusRows>) => statusRows(...args).map(rowText);

describe('statusRows', () => {
  it('lists health, counts, queues, each worker with its job, and the running jobs', () => {
    const rows = text(
      { data: busySnapshot(), error: null, at: NOW, polls: 1 },
      { apiUrl: API, now: NOW },
    );
    expect(rows[0]).toMatch(/^API http:\/\/127\.0\.0\.1:3000 · v0\.1\.0 · up 2h 05m · updated/);
    expect(rows[1]).toBe('Health ok · database up (postgres) · redis up · jobs redis · ffmpeg 7.1');
    expect(rows[2]).toBe(
      'Projects 12  Jobs queued 2 · running 1 · completed 240 · failed 3 · cancelled 1',
    );
    expect(rows[3]).toBe(
      'Queues gpu: 2 waiting, 1 active, 0 failed · celery: 0 waiting, 0 active, 3 failed',
    );
    expect(rows[4]).toBe('Workers online: 2');
    expect(rows[6]).toMatch(/^ {2}gpu-box +gpu,celery +h264_nvenc +compile 3f2a1b2c 45% +2s ago$/);
    expect(rows[7]).toMatch(/^ {2}cpu-box +gpu,celery +libx264 +idle +4s ago$/);
    expect(rows[8]).toBe('Running jobs: 1');
    expect(rows[9]).toMatch(
      /compile +3f2a1b2c +alice +gpu +\[#####-----\] +45% +1m 20s +on gpu-box/,
    );
  });

  it('says the API is unreachable, keeping the last answer marked with its time', () => {
    const stale = text(
      {
        data: busySnapshot(),
        error: 'ECONNREFUSED 127.0.0.1:8000',
        at: new Date(2026, 0, 2, 9, 59, 58),
        polls: 3,
      },
      { apiUrl: API, now: NOW },
    );
    expect(stale[0]).toBe(
      'API unreachable: ECONNREFUSED 127.0.0.1:8000 — retrying (showing 09:59:58)',
    );
    expect(stale[2]).toMatch(/^Health ok/);
    const never = text(
      { data: null, error: 'ECONNREFUSED 127.0.0.1:8000', at: null, polls: 1 },
      { apiUrl: API, now: NOW },
    );
    expect(never).toEqual(['API unreachable: ECONNREFUSED 127.0.0.1:8000 — retrying']);
    expect(
      text({ data: null, error: null, at: null, polls: 0 }, { apiUrl: API, now: NOW }),
    ).toEqual(['Connecting to http://127.0.0.1:3000 …']);
  });

  it('without admin rights shows the public health and why there is no more', () => {
    const rows = text(
      {
        data: {
          health: {
            status: 'degraded',
            detailed: false,
            database: { status: 'down' },
            clipSources: { external: false },
          },
          admin: null,
          adminError: 'the API token was refused (401): make a new one',
        },
        error: null,
        at: NOW,
        polls: 1,
      },
      { apiUrl: API, now: NOW },
    );
    expect(rows.slice(1)).toEqual([
      'Health degraded · database down',
      'Admin details unavailable: the API token was refused (401): make a new one',
    ]);
  });

  it('says when no worker is online, and cuts long lists', () => {
    const empty = busySnapshot();
    empty.admin!.system.workers = [];
    expect(
      text({ data: empty, error: null, at: NOW, polls: 1 }, { apiUrl: API, now: NOW }),
    ).toContain('  none: nothing will run queued jobs');
    const many = busySnapshot();
    many.admin!.jobCounts.running = 9;
    const rows = text(
      { data: many, error: null, at: NOW, polls: 1 },
      { apiUrl: API, now: NOW, maxListRows: 1 },
    );
    expect(rows).toContain('  … and 1 more'); // workers
    expect(rows.at(-1)).toBe('  … and 8 more'); // running jobs
  });
});
