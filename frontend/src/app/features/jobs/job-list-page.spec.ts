import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { makeJob, text } from '../../../testing/fixtures';
import { JOB_LIST_PAGE_SIZE, JOB_LIST_POLL_MS, JobListPage } from './job-list-page';

describe('JobListPage', () => {
  let fixture: ComponentFixture<JobListPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const rows = () => Array.from(el.querySelectorAll('[data-testid="job-row"]'));
  const listUrl = (query = '') => `/api/jobs?${query}limit=${JOB_LIST_PAGE_SIZE}&offset=0`;

  function create(state?: string): void {
    fixture = TestBed.createComponent(JobListPage);
    el = fixture.nativeElement as HTMLElement;
    if (state !== undefined) fixture.componentRef.setInput('state', state);
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [JobListPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture?.destroy();
    jest.useRealTimers();
    http.verify();
  });

  it('renders one row per job with kind, state, progress and a detail link', () => {
    create();
    http.expectOne(listUrl()).flush({
      items: [
        makeJob({ id: 'a1', state: 'running', progress: 42 }),
        makeJob({ id: 'b2', state: 'failed', progress: 80 }),
      ],
      total: 2,
    });
    fixture.detectChanges();

    const [first, second] = rows();
    expect(rows().length).toBe(2);
    expect(text(first.querySelector('.job-kind'))).toBe('probe');
    expect(text(first.querySelector('cf-state-badge'))).toBe('running');
    expect(first.querySelector('cf-progress-bar')?.getAttribute('aria-valuenow')).toBe('42');
    expect(first.querySelector('a.job-kind')?.getAttribute('href')).toBe('/jobs/a1');
    expect(text(second.querySelector('cf-state-badge'))).toBe('failed');
    expect(second.querySelector('cf-state-badge')?.classList).toContain('badge--failed');
  });

  it('filters by the state query parameter', () => {
    create('failed');
    http.expectOne(listUrl('state=failed&')).flush({ items: [], total: 0 });
    fixture.detectChanges();

    expect(text(byTestId('jobs-empty'))).toContain('No failed jobs');
    const active = el.querySelector('.tabs__tab--active');
    expect(text(active)).toBe('Failed');
    expect(active?.getAttribute('href')).toBe('/jobs?state=failed');
  });

  it('ignores an unknown state filter', () => {
    create('bogus');
    http.expectOne(listUrl()).flush({ items: [], total: 0 });
    fixture.detectChanges();
    expect(text(byTestId('jobs-empty'))).toContain('No jobs yet');
  });

  it('starts a probe job and opens it', () => {
    create();
    http.expectOne(listUrl()).flush({ items: [], total: 0 });
    fixture.detectChanges();
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

    const runProbe = byTestId('run-probe') as HTMLButtonElement;
    runProbe.click();
    fixture.detectChanges();
    expect(runProbe.disabled).toBe(true);

    const req = http.expectOne('/api/jobs/probe');
    expect(req.request.method).toBe('POST');
    req.flush(makeJob({ id: 'new-job' }), { status: 201, statusText: 'Created' });

    expect(navigate).toHaveBeenCalledWith(['/jobs', 'new-job']);
  });

  it('shows why a probe job could not start', () => {
    create();
    http.expectOne(listUrl()).flush({ items: [], total: 0 });
    (byTestId('run-probe') as HTMLButtonElement).click();
    http
      .expectOne('/api/jobs/probe')
      .flush({ statusCode: 503, message: 'Queue unavailable' }, { status: 503, statusText: 'x' });
    fixture.detectChanges();

    expect(text(byTestId('probe-error'))).toContain('Queue unavailable');
    expect((byTestId('run-probe') as HTMLButtonElement).disabled).toBe(false);
  });

  it('polls every 2 seconds while a job is active, then stops', () => {
    jest.useFakeTimers();
    create();
    http.expectOne(listUrl()).flush({ items: [makeJob({ state: 'queued' })], total: 1 });
    fixture.detectChanges();

    jest.advanceTimersByTime(JOB_LIST_POLL_MS - 1);
    http.expectNone(listUrl());
    jest.advanceTimersByTime(1);
    http
      .expectOne(listUrl())
      .flush({ items: [makeJob({ state: 'running', progress: 50 })], total: 1 });
    fixture.detectChanges();
    expect(rows()[0].querySelector('cf-progress-bar')?.getAttribute('aria-valuenow')).toBe('50');

    jest.advanceTimersByTime(JOB_LIST_POLL_MS);
    http
      .expectOne(listUrl())
      .flush({ items: [makeJob({ state: 'completed', progress: 100 })], total: 1 });

    jest.advanceTimersByTime(JOB_LIST_POLL_MS * 5);
    http.expectNone(listUrl());
  });

  it('does not poll when nothing is active', () => {
    jest.useFakeTimers();
    create();
    http.expectOne(listUrl()).flush({ items: [makeJob({ state: 'completed' })], total: 1 });
    jest.advanceTimersByTime(JOB_LIST_POLL_MS * 5);
    http.expectNone(listUrl());
  });

  it('pages through long lists', () => {
    create();
    const items = Array.from({ length: JOB_LIST_PAGE_SIZE }, (_, i) =>
      makeJob({ id: `j${i}`, state: 'completed' }),
    );
    http.expectOne(listUrl()).flush({ items, total: JOB_LIST_PAGE_SIZE + 5 });
    fixture.detectChanges();
    expect(text(el.querySelector('.pager'))).toContain(`1–${JOB_LIST_PAGE_SIZE} of 25`);

    const older = Array.from(el.querySelectorAll<HTMLButtonElement>('.pager button')).find((b) =>
      text(b).includes('Older'),
    );
    older?.click();
    fixture.detectChanges();
    http
      .expectOne(`/api/jobs?limit=${JOB_LIST_PAGE_SIZE}&offset=${JOB_LIST_PAGE_SIZE}`)
      .flush({ items: items.slice(0, 5), total: JOB_LIST_PAGE_SIZE + 5 });
    fixture.detectChanges();
    expect(rows().length).toBe(5);
  });

  it('shows a readable error when the list cannot be loaded', () => {
    create();
    http.expectOne(listUrl()).error(new ProgressEvent('error'), { status: 0 });
    fixture.detectChanges();
    expect(text(byTestId('jobs-error'))).toContain('Cannot reach the ClippyFront API');
  });
});
