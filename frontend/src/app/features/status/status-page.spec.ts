import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { makeHealth, makeUser, text } from '../../../testing/fixtures';
import { AuthService } from '../../core/auth.service';
import { STATUS_REFRESH_MS, StatusPage } from './status-page';

describe('StatusPage', () => {
  let fixture: ComponentFixture<StatusPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);

  function create(): void {
    fixture = TestBed.createComponent(StatusPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [StatusPage],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    jest.useRealTimers();
    http.verify();
  });

  it('drops the details at once when the admin logs out, and reads the summary again', () => {
    const auth = TestBed.inject(AuthService);
    auth.setUser(makeUser({ role: 'admin' }));
    create();
    http.expectOne('/api/health').flush(makeHealth());
    fixture.detectChanges();
    expect(byTestId('health-version')).not.toBeNull();

    auth.setUser(null);
    fixture.detectChanges();
    expect(byTestId('health-version')).toBeNull();
    http.expectOne('/api/health').flush({
      status: 'ok',
      detailed: false,
      database: { status: 'up' },
      redis: { status: 'embedded' },
    });
    fixture.detectChanges();
    expect(text(byTestId('health-status'))).toBe('ok');
    expect(byTestId('health-version')).toBeNull();
  });

  it('renders the health report', async () => {
    create();
    http.expectOne('/api/health').flush(
      makeHealth({
        status: 'degraded',
        version: '1.2.3',
        uptimeSeconds: 3_725,
        database: { status: 'up', mode: 'postgres' },
        redis: { status: 'down', error: 'ECONNREFUSED' },
        jobs: { mode: 'redis' },
      }),
    );
    await fixture.whenStable();

    expect(text(byTestId('health-status'))).toBe('degraded');
    expect(byTestId('health-status')?.getAttribute('data-status')).toBe('degraded');
    expect(text(byTestId('health-version'))).toContain('1.2.3');
    expect(text(byTestId('health-version'))).toContain('1h 2m');
    expect(text(byTestId('health-database'))).toContain('PostgreSQL');
    expect(text(byTestId('health-database'))).toContain('up');
    expect(text(byTestId('health-redis'))).toContain('down');
    expect(text(byTestId('health-redis'))).toContain('ECONNREFUSED');
    expect(text(byTestId('health-redis'))).toContain('Redis queue');
    expect(text(byTestId('health-ffmpeg'))).toContain('7.1.1');
    expect(text(byTestId('health-ffmpeg'))).toContain('/usr/bin/ffprobe');
    expect(text(byTestId('ffmpeg-encoder')?.querySelector('code') ?? null)).toBe('libx264');
    expect(text(byTestId('ffmpeg-encoder-reason'))).toBe('h264_nvenc is not in this ffmpeg');
    expect(byTestId('health-error')).toBeNull();
  });

  it('shows logged-out visitors the overall status only', () => {
    create();
    http
      .expectOne('/api/health')
      .flush(
        { status: 'degraded', detailed: false, clipSources: { external: false } },
        { status: 503, statusText: 'Service Unavailable' },
      );
    fixture.detectChanges();
    expect(byTestId('health-status')?.getAttribute('data-status')).toBe('degraded');
    expect(byTestId('summary-database')).toBeNull();
    expect(byTestId('summary-redis')).toBeNull();
    expect(text(byTestId('health-summary'))).toContain('once you log in');
  });

  it('shows the status and each part to users who are not admins', () => {
    create();
    http.expectOne('/api/health').flush(
      {
        status: 'degraded',
        detailed: false,
        database: { status: 'up' },
        redis: { status: 'down' },
      },
      { status: 503, statusText: 'Service Unavailable' },
    );
    fixture.detectChanges();
    expect(byTestId('health-status')?.getAttribute('data-status')).toBe('degraded');
    expect(text(byTestId('summary-database'))).toBe('up');
    expect(text(byTestId('summary-redis'))).toBe('down');
    expect(byTestId('health-ffmpeg')).toBeNull();
    expect(byTestId('health-workers')).toBeNull();
    expect(text(byTestId('health-summary'))).toContain('shown to admins');
  });

  it('lists the workers', async () => {
    create();
    const health = makeHealth();
    health.workers = {
      online: 2,
      list: [
        { ...health.workers.list[0], workerId: 'a', name: 'gpu-box-01', queues: ['gpu'] },
        {
          ...health.workers.list[0],
          workerId: 'b',
          name: 'cpu-box-02',
          queues: ['celery'],
          ffmpegVersion: null,
          encoder: null,
          lastSeenAt: new Date(Date.now() - 5 * 60_000).toISOString(),
        },
      ],
    };
    http.expectOne('/api/health').flush(health);
    await fixture.whenStable();

    const workers = byTestId('health-workers');
    expect(text(workers?.querySelector('[data-testid="workers-online"]'))).toBe('2');
    const rows = Array.from(workers?.querySelectorAll('[data-testid="worker-row"]') ?? []);
    expect(rows.map((r) => text(r.querySelector('.worker-name')))).toEqual([
      'gpu-box-01',
      'cpu-box-02',
    ]);
    expect(text(rows[0])).toContain('gpu');
    expect(text(rows[1])).toContain('celery');
    expect(text(rows[1])).toContain('not found');
    expect(text(rows[1])).toContain('5 min ago');
    const encoders = rows.map((r) => text(r.querySelector('[data-testid="worker-encoder"]')));
    expect(encoders).toEqual(['h264_nvenc', '—']);
  });

  it('explains when no worker is connected', async () => {
    create();
    http
      .expectOne('/api/health')
      .flush(makeHealth({ workers: { online: 0, list: [] }, jobs: { mode: 'redis' } }));
    await fixture.whenStable();

    expect(byTestId('health-workers')?.querySelectorAll('[data-testid="worker-row"]').length).toBe(
      0,
    );
    expect(text(byTestId('health-workers'))).toContain('No workers are connected');
  });

  it('warns clearly when ffmpeg is missing', async () => {
    create();
    http.expectOne('/api/health').flush(
      makeHealth({
        ffmpeg: {
          available: false,
          version: null,
          ffmpegPath: null,
          ffprobePath: null,
          encoder: null,
        },
      }),
    );
    await fixture.whenStable();

    expect(byTestId('ffmpeg-missing')).not.toBeNull();
    expect(text(byTestId('health-ffmpeg'))).toContain('ffmpeg not found');
  });

  it('says when videos cannot be rendered, with the install command, to admins and users', async () => {
    const render = {
      ready: false,
      missing: ['ffmpeg'],
      reason: 'ffmpeg/ffprobe are not installed on the server.',
      installCommand: 'sudo apt-get install -y ffmpeg',
    };
    create();
    http.expectOne('/api/health').flush(
      makeHealth({
        ffmpeg: {
          available: false,
          version: null,
          ffmpegPath: null,
          ffprobePath: null,
          encoder: null,
        },
        render,
      }),
    );
    await fixture.whenStable();
    expect(text(byTestId('render-notice-reason'))).toBe(render.reason);
    expect(text(byTestId('render-install-command'))).toBe(render.installCommand);
    expect(text(byTestId('ffmpeg-install-command'))).toBe(render.installCommand);

    fixture.componentInstance.refresh();
    http.expectOne('/api/health').flush({
      status: 'ok',
      detailed: false,
      database: { status: 'up' },
      redis: { status: 'embedded' },
      render,
    });
    fixture.detectChanges();
    expect(text(byTestId('render-install-command'))).toBe(render.installCommand);
  });

  it('shows no render notice when videos can be rendered', async () => {
    create();
    http.expectOne('/api/health').flush(makeHealth());
    await fixture.whenStable();
    expect(byTestId('render-notice')).toBeNull();
  });

  it('shows a readable error when the API is unreachable', async () => {
    create();
    http.expectOne('/api/health').error(new ProgressEvent('error'), { status: 0 });
    await fixture.whenStable();

    expect(text(byTestId('health-error'))).toContain('Cannot reach the ClippyFront API');
    expect(byTestId('health-status')).toBeNull();
  });

  it('shows the API error message', async () => {
    create();
    http
      .expectOne('/api/health')
      .flush(
        { statusCode: 500, message: 'Database exploded' },
        { status: 500, statusText: 'Internal Server Error' },
      );
    await fixture.whenStable();

    expect(text(byTestId('health-error'))).toContain('Database exploded (HTTP 500)');
  });

  it('keeps the last report visible when a refresh fails, and recovers', async () => {
    create();
    http.expectOne('/api/health').flush(makeHealth({ version: '1.0.0' }));
    await fixture.whenStable();

    (byTestId('health-refresh') as HTMLButtonElement).click();
    http.expectOne('/api/health').error(new ProgressEvent('error'), { status: 0 });
    await fixture.whenStable();
    expect(byTestId('health-error')).not.toBeNull();
    expect(text(byTestId('health-version'))).toContain('1.0.0');

    (byTestId('health-refresh') as HTMLButtonElement).click();
    http.expectOne('/api/health').flush(makeHealth({ version: '1.0.1' }));
    await fixture.whenStable();
    expect(byTestId('health-error')).toBeNull();
    expect(text(byTestId('health-version'))).toContain('1.0.1');
  });

  it('refreshes every 10 seconds and stops when destroyed', () => {
    jest.useFakeTimers();
    create();
    http.expectOne('/api/health').flush(makeHealth());

    jest.advanceTimersByTime(STATUS_REFRESH_MS - 1);
    http.expectNone('/api/health');
    jest.advanceTimersByTime(1);
    http.expectOne('/api/health').flush(makeHealth({ version: '2.0.0' }));
    fixture.detectChanges();
    expect(text(byTestId('health-version'))).toContain('2.0.0');

    fixture.destroy();
    jest.advanceTimersByTime(STATUS_REFRESH_MS * 3);
    http.expectNone('/api/health');
  });
});
