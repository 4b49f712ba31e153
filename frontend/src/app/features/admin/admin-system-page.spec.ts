import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { SystemInfoDto } from '@clippyfront/shared';
import { text } from '../../../testing/fixtures';
import { AdminSystemPage, SYSTEM_REFRESH_MS } from './admin-system-page';

const GB = 1024 ** 3;

function makeSystem(overrides: Partial<SystemInfoDto> = {}): SystemInfoDto {
  return {
    version: '0.1.0',
    uptimeSeconds: 3725,
    database: { status: 'up', mode: 'embedded', serverVersion: '17.5', sizeBytes: 12 * 1024 ** 2 },
    redis: { status: 'not-configured', version: null, usedMemoryBytes: null, queuePrefix: null },
    jobs: { mode: 'in-process' },
    queues: [
      { name: 'gpu', waiting: 2, active: 1, failed: 3, source: 'jobs-table' },
      { name: 'celery', waiting: 0, active: 0, failed: 0, source: 'jobs-table' },
    ],
    workers: [
      {
        workerId: 'w1',
        name: 'embedded',
        queues: ['gpu', 'celery'],
        concurrency: 1,
        version: '0.1.0',
        ffmpegVersion: '6.0',
        encoder: { encoder: 'libx264', reason: 'no NVENC' },
        lastSeenAt: new Date().toISOString(),
        online: true,
        currentJobs: 1,
      },
    ],
    disk: {
      instancePath: '/srv/instance',
      folders: [
        { name: 'data', path: '/srv/instance/data', bytes: 2 * GB, files: 10, complete: true },
        { name: 'tmp', path: '/srv/instance/tmp', bytes: 0, files: 0, complete: true },
        { name: 'cache', path: '/tmp/cache', bytes: 1024, files: 1, complete: false },
        { name: 'logs', path: '/srv/instance/logs', bytes: null, files: 0, complete: true },
        { name: 'artifacts', path: null, bytes: null, files: 0, complete: true },
      ],
      freeBytes: 25 * GB,
      totalBytes: 100 * GB,
    },
    tools: {
      ffmpeg: { path: '/usr/bin/ffmpeg', version: '6.0' },
      ffprobe: { path: '/usr/bin/ffprobe', version: '6.0' },
      ytDlp: { path: null, version: null },
    },
    encoder: { encoder: 'libx264', reason: 'no NVENC' },
    periodicTasks: [],
    ...overrides,
  };
}

describe('AdminSystemPage', () => {
  let fixture: ComponentFixture<AdminSystemPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const row = (testId: string, attr: string, value: string) =>
    el.querySelector(`[data-testid="${testId}"][${attr}="${value}"]`);

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      imports: [AdminSystemPage],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AdminSystemPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => {
    fixture.destroy();
    jest.useRealTimers();
    http.verify();
  });

  it('shows database, Redis, tools, queues, workers and disk usage', () => {
    http.expectOne('/api/admin/system').flush(makeSystem());
    fixture.detectChanges();

    expect(text(byTestId('system-database-mode'))).toBe('Embedded PostgreSQL');
    expect(text(byTestId('system-database-size'))).toBe('12.0 MiB');
    expect(text(byTestId('system-redis'))).toContain('Not configured');
    expect(text(byTestId('system-ffprobe'))).toBe('6.0');
    expect(text(byTestId('system-ytdlp'))).toBe('not found');
    expect(text(byTestId('system-encoder'))).toContain('libx264');
    const gpu = row('system-queue-row', 'data-queue', 'gpu')!;
    expect(text(gpu.querySelector('[data-testid="system-queue-waiting"]'))).toBe('2');
    expect(text(gpu.querySelector('[data-testid="system-queue-failed"]'))).toBe('3');
    expect(text(byTestId('system-workers-online'))).toBe('1');
    expect(text(byTestId('system-worker-jobs'))).toBe('1');
    expect(text(byTestId('system-disk-free'))).toBe('25.0 GiB free of 100.0 GiB (75 % used)');
    expect(text(row('system-disk-row', 'data-folder', 'data'))).toContain('2.0 GiB');
    expect(text(row('system-disk-row', 'data-folder', 'cache'))).toContain('still counting');
    expect(text(row('system-disk-row', 'data-folder', 'logs'))).toContain('missing');
    expect(text(row('system-disk-row', 'data-folder', 'artifacts'))).toContain('not configured');
  });

  it('shows Redis facts when it is used, and says when no worker is online', () => {
    http.expectOne('/api/admin/system').flush(
      makeSystem({
        redis: { status: 'up', version: '7.2.4', usedMemoryBytes: 2048, queuePrefix: 'cf' },
        workers: [],
      }),
    );
    fixture.detectChanges();
    expect(text(byTestId('system-redis'))).toContain('7.2.4');
    expect(text(byTestId('system-redis'))).toContain('2.0 KiB');
    expect(byTestId('system-no-workers')).not.toBeNull();
  });

  it('lists the periodic tasks: interval and its setting, last run, how long, last error', () => {
    const now = Date.now();
    const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();
    const task = {
      description: 'Does things',
      setting: null,
      running: false,
      lastRunAt: null,
      lastDurationMs: null,
      lastOk: null,
      lastError: null,
      lastErrorAt: null,
    };
    http.expectOne('/api/admin/system').flush(
      makeSystem({
        periodicTasks: [
          {
            ...task,
            name: 'session-sweep',
            description: 'Deletes expired sessions',
            everySeconds: 3600,
            lastRunAt: ago(120),
            lastDurationMs: 12,
            lastOk: true,
          },
          {
            ...task,
            name: 'job-stall-sweep',
            everySeconds: 5,
            setting: 'JOB_STALL_SECONDS',
            running: true,
            lastRunAt: ago(30),
            lastDurationMs: 2400,
            lastOk: false,
            lastError: 'Redis is down',
            lastErrorAt: ago(30),
          },
          {
            ...task,
            name: 'ingest-scan',
            everySeconds: null,
            setting: 'INGEST_IMPORT_INTERVAL_SECONDS',
          },
        ],
      }),
    );
    fixture.detectChanges();
    const cell = (task: string, testId: string) =>
      text(
        row('system-periodic-row', 'data-task', task)!.querySelector(`[data-testid="${testId}"]`),
      );

    expect(el.querySelectorAll('[data-testid="system-periodic-row"]')).toHaveLength(3);
    expect(text(row('system-periodic-row', 'data-task', 'session-sweep'))).toContain(
      'Deletes expired sessions',
    );
    expect(cell('session-sweep', 'system-periodic-every')).toBe('1h 0m');
    expect(cell('session-sweep', 'system-periodic-last')).toBe('ok 2 min ago');
    expect(cell('session-sweep', 'system-periodic-took')).toBe('12 ms');
    expect(cell('session-sweep', 'system-periodic-error')).toBe('—');

    expect(cell('job-stall-sweep', 'system-periodic-every')).toBe('5s JOB_STALL_SECONDS');
    expect(cell('job-stall-sweep', 'system-periodic-last')).toBe('failed 30 s ago (running now)');
    expect(cell('job-stall-sweep', 'system-periodic-took')).toBe('2.4 s');
    expect(cell('job-stall-sweep', 'system-periodic-error')).toBe('Redis is down 30 s ago');

    expect(cell('ingest-scan', 'system-periodic-every')).toBe('off INGEST_IMPORT_INTERVAL_SECONDS');
    expect(cell('ingest-scan', 'system-periodic-last')).toBe('not yet');
    expect(cell('ingest-scan', 'system-periodic-took')).toBe('—');
  });

  it('refreshes on its own, and shows an error with a retry', () => {
    http.expectOne('/api/admin/system').flush(makeSystem());
    jest.advanceTimersByTime(SYSTEM_REFRESH_MS);
    http
      .expectOne('/api/admin/system')
      .flush({ statusCode: 403, message: 'Admins only' }, { status: 403, statusText: 'Forbidden' });
    fixture.detectChanges();
    expect(text(byTestId('system-error'))).toContain('Admins only (HTTP 403)');
    // The last good answer stays on screen.
    expect(byTestId('system-database')).not.toBeNull();
  });
});
