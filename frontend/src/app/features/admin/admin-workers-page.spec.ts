import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type { AdminWorkerDto } from '@clippyfront/shared';
import { text } from '../../../testing/fixtures';
import { AdminWorkersPage } from './admin-workers-page';

function makeWorker(overrides: Partial<AdminWorkerDto> = {}): AdminWorkerDto {
  return {
    workerId: 'gpu-box-1a2b3c4d',
    name: 'gpu-box',
    queues: ['gpu', 'celery'],
    concurrency: 2,
    version: '0.1.0',
    ffmpegVersion: '7.1',
    encoder: { encoder: 'h264_nvenc', reason: 'NVENC test encode succeeded' },
    lastSeenAt: new Date().toISOString(),
    online: true,
    registeredAt: '2026-12-01T10:00:00.000Z',
    revokedAt: null,
    jobsRunning: 1,
    jobsCompleted: 12,
    jobsFailed: 2,
    ...overrides,
  };
}

describe('AdminWorkersPage', () => {
  let fixture: ComponentFixture<AdminWorkersPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const rows = () =>
    Array.from(el.querySelectorAll<HTMLElement>('[data-testid="admin-worker-row"]'));
  const workers = [
    makeWorker(),
    makeWorker({
      workerId: 'old-box-99',
      name: 'old-box',
      queues: ['celery'],
      encoder: null,
      online: false,
      revokedAt: '2026-12-02T10:00:00.000Z',
      jobsRunning: 0,
      jobsCompleted: 3,
      jobsFailed: 0,
    }),
  ];

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AdminWorkersPage],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AdminWorkersPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/admin/workers').flush(workers);
    fixture.detectChanges();
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  it('lists registered workers: name, queues, version, encoder, status and jobs done/failed', () => {
    const [gpu, old] = rows();
    expect(text(gpu!.querySelector('[data-testid="admin-worker-name"]')!)).toBe('gpu-box');
    expect(text(gpu!)).toContain('gpu-box-1a2b3c4d');
    expect(text(gpu!.querySelector('[data-testid="admin-worker-queues"]')!)).toBe('gpu, celery');
    expect(text(gpu!.querySelector('[data-testid="admin-worker-encoder"]')!)).toBe('h264_nvenc');
    expect(text(gpu!.querySelector('[data-testid="admin-worker-status"]')!)).toBe('Online');
    expect(text(gpu!.querySelector('[data-testid="admin-worker-jobs"]')!)).toBe('12 / 2 1 running');
    expect(text(gpu!)).toContain('ffmpeg 7.1');
    expect(text(old!.querySelector('[data-testid="admin-worker-status"]')!)).toBe('Revoked');
    expect(text(old!.querySelector('[data-testid="admin-worker-encoder"]')!)).toBe('Unknown');
    // A revoked worker cannot be revoked again.
    expect(old!.querySelector('[data-testid="admin-worker-revoke"]')).toBeNull();
  });

  it('revokes only after confirmation, then says how many jobs went back and reloads', () => {
    rows()[0]!.querySelector<HTMLButtonElement>('[data-testid="admin-worker-revoke"]')!.click();
    fixture.detectChanges();
    expect(byTestId('admin-worker-revoke-dialog')).not.toBeNull();
    http.expectNone('/api/admin/workers/gpu-box-1a2b3c4d/revoke');

    byTestId('admin-worker-revoke-confirm')!.click();
    fixture.detectChanges();
    const request = http.expectOne('/api/admin/workers/gpu-box-1a2b3c4d/revoke');
    expect(request.request.method).toBe('POST');
    request.flush({ releasedJobs: 1 });
    http
      .expectOne('/api/admin/workers')
      .flush([{ ...workers[0]!, revokedAt: '2026-12-03T10:00:00.000Z', online: false }]);
    fixture.detectChanges();
    expect(byTestId('admin-worker-revoke-dialog')).toBeNull();
    expect(text(byTestId('admin-worker-revoked')!)).toBe(
      'Revoked gpu-box (gpu-box-1a2b3c4d); 1 job went back to the queue.',
    );
    expect(text(rows()[0]!.querySelector('[data-testid="admin-worker-status"]')!)).toBe('Revoked');
  });

  it('cancelling the dialog revokes nothing; an error stays in the dialog', () => {
    rows()[0]!.querySelector<HTMLButtonElement>('[data-testid="admin-worker-revoke"]')!.click();
    fixture.detectChanges();
    byTestId('admin-worker-revoke-cancel')!.click();
    fixture.detectChanges();
    expect(byTestId('admin-worker-revoke-dialog')).toBeNull();

    rows()[0]!.querySelector<HTMLButtonElement>('[data-testid="admin-worker-revoke"]')!.click();
    fixture.detectChanges();
    byTestId('admin-worker-revoke-confirm')!.click();
    http
      .expectOne('/api/admin/workers/gpu-box-1a2b3c4d/revoke')
      .flush(
        { message: 'Worker gpu-box-1a2b3c4d not found' },
        { status: 404, statusText: 'Not Found' },
      );
    fixture.detectChanges();
    expect(text(byTestId('admin-worker-revoke-error')!)).toContain('not found');
    expect(byTestId('admin-worker-revoke-dialog')).not.toBeNull();
  });

  it('creates a one-time registration token and shows it once', () => {
    const minutes = byTestId('admin-worker-token-minutes') as HTMLSelectElement;
    minutes.value = '1440';
    minutes.dispatchEvent(new Event('change'));
    byTestId('admin-worker-token-create')!.click();
    const request = http.expectOne('/api/admin/workers/registration-tokens');
    expect(request.request.body).toEqual({ expiresInMinutes: 1440 });
    request.flush({ id: 't1', token: 'cfr_secret', expiresAt: '2026-12-04T10:00:00.000Z' });
    fixture.detectChanges();
    expect(text(byTestId('admin-worker-token-value')!)).toBe('cfr_secret');
  });

  it('shows an empty state and a load error with retry', () => {
    fixture.componentInstance.load();
    http.expectOne('/api/admin/workers').flush([]);
    fixture.detectChanges();
    expect(byTestId('admin-workers-empty')).not.toBeNull();
    fixture.componentInstance.load();
    http
      .expectOne('/api/admin/workers')
      .flush({ message: 'boom' }, { status: 500, statusText: 'Server Error' });
    fixture.detectChanges();
    expect(byTestId('admin-workers-error')).not.toBeNull();
  });
});
