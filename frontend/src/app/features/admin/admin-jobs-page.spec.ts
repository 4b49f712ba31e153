import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { choose, makeJob, text, typeInto } from '../../../testing/fixtures';
import { ADMIN_JOBS_PAGE_SIZE, AdminJobsPage, jobDurationSeconds } from './admin-jobs-page';

describe('AdminJobsPage', () => {
  let fixture: ComponentFixture<AdminJobsPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const rows = () => Array.from(el.querySelectorAll('[data-testid="admin-job-row"]'));
  const listUrl = (query = '') => `/api/jobs?${query}limit=${ADMIN_JOBS_PAGE_SIZE}&offset=0`;

  const jobs = [
    makeJob({
      id: 'j-failed',
      state: 'failed',
      ownerId: 'u1',
      ownerUsername: 'alice',
      workerId: 'w-1',
      attempts: 3,
      startedAt: '2026-01-02T10:00:00.000Z',
      finishedAt: '2026-01-02T10:01:30.000Z',
    }),
    makeJob({
      id: 'j-done',
      state: 'completed',
      kind: 'compile',
      ownerId: 'u2',
      ownerUsername: 'bob',
    }),
    makeJob({ id: 'j-system', state: 'cancelled', ownerId: null }),
  ];

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AdminJobsPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(AdminJobsPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne(listUrl()).flush({ items: jobs, total: 3 });
    fixture.detectChanges();
  });

  afterEach(() => {
    fixture.destroy();
    http.verify();
  });

  it('lists every user’s jobs with owner, worker, attempts and duration; links to the job page', () => {
    expect(rows()).toHaveLength(3);
    const [failed, done, system] = rows();
    expect(text(failed!.querySelector('[data-testid="admin-job-owner"]'))).toBe('alice');
    expect(text(failed!.querySelector('[data-testid="admin-job-worker"]'))).toBe('w-1');
    expect(text(failed)).toContain('3 / 3');
    expect(text(failed)).toContain('1m 30s');
    expect(failed!.querySelector('[data-testid="admin-job-link"]')?.getAttribute('href')).toBe(
      '/jobs/j-failed',
    );
    expect(text(system!.querySelector('[data-testid="admin-job-owner"]'))).toBe('system');
    // Retry only for failed or cancelled jobs, cancel only for queued or running ones.
    expect(failed!.querySelector('[data-testid="admin-job-retry"]')).not.toBeNull();
    expect(done!.querySelector('[data-testid="admin-job-retry"]')).toBeNull();
    expect(done!.querySelector('[data-testid="admin-job-cancel"]')).toBeNull();
  });

  it('filters by state, kind, owner and worker', () => {
    choose(byTestId('admin-jobs-state'), 'failed');
    choose(byTestId('admin-jobs-kind'), 'probe');
    typeInto(byTestId('admin-jobs-owner'), ' alice ');
    typeInto(byTestId('admin-jobs-worker'), 'w-1');
    (byTestId('admin-jobs-apply') as HTMLButtonElement).click();
    fixture.detectChanges();
    http
      .expectOne(listUrl('state=failed&kind=probe&owner=alice&workerId=w-1&'))
      .flush({ items: [jobs[0]], total: 1 });
    fixture.detectChanges();
    expect(rows()).toHaveLength(1);

    (byTestId('admin-jobs-clear') as HTMLButtonElement).click();
    fixture.detectChanges();
    http.expectOne(listUrl()).flush({ items: [], total: 0 });
    fixture.detectChanges();
    expect(text(byTestId('admin-jobs-empty'))).toBe('No jobs yet');
  });

  it('retries one job and keeps its owner name', () => {
    (rows()[0]!.querySelector('[data-testid="admin-job-retry"]') as HTMLButtonElement).click();
    const req = http.expectOne('/api/jobs/j-failed/retry');
    req.flush(makeJob({ id: 'j-failed', state: 'queued', ownerId: 'u1' }));
    http.expectOne(listUrl()).flush({ items: jobs, total: 3 });
    fixture.detectChanges();
    expect(byTestId('admin-jobs-action-error')).toBeNull();
  });

  it('bulk-retries the failed jobs of the kind and owner filtered on, and says how many', () => {
    choose(byTestId('admin-jobs-kind'), 'compile');
    typeInto(byTestId('admin-jobs-owner'), 'bob');
    (byTestId('admin-jobs-apply') as HTMLButtonElement).click();
    fixture.detectChanges();
    http.expectOne(listUrl('kind=compile&owner=bob&')).flush({ items: [], total: 0 });

    (byTestId('admin-jobs-retry-failed') as HTMLButtonElement).click();
    const req = http.expectOne('/api/admin/jobs/retry-failed');
    expect(req.request.body).toEqual({ kind: 'compile', owner: 'bob' });
    req.flush({ retried: 2, skipped: 1, problems: ['Job x: Too many jobs'] });
    http.expectOne(listUrl('kind=compile&owner=bob&')).flush({ items: [], total: 0 });
    fixture.detectChanges();
    expect(text(byTestId('admin-jobs-bulk-result'))).toBe(
      'Retried 2 failed jobs. 1 left failed: Job x: Too many jobs',
    );
  });

  it('shows why a cancel was refused', () => {
    fixture.destroy();
    fixture = TestBed.createComponent(AdminJobsPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http
      .expectOne(listUrl())
      .flush({ items: [makeJob({ id: 'j-run', state: 'running' })], total: 1 });
    fixture.detectChanges();
    (byTestId('admin-job-cancel') as HTMLButtonElement).click();
    http
      .expectOne('/api/jobs/j-run/cancel')
      .flush(
        { statusCode: 409, message: 'Job j-run is completed' },
        { status: 409, statusText: 'Conflict' },
      );
    fixture.detectChanges();
    expect(text(byTestId('admin-jobs-action-error'))).toContain(
      'Job j-run is completed (HTTP 409)',
    );
  });

  it('measures a job from start to finish, or to now while it runs', () => {
    const running = makeJob({ startedAt: '2026-01-02T10:00:00.000Z' });
    expect(jobDurationSeconds(running, Date.parse('2026-01-02T10:00:05.000Z'))).toBe(5);
    expect(jobDurationSeconds(makeJob(), Date.now())).toBeNull();
  });
});
