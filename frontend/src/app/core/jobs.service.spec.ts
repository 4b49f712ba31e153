import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { makeJob } from '../../testing/fixtures';
import { isJobActive, JobsService } from './jobs.service';

describe('JobsService', () => {
  let service: JobsService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(JobsService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists jobs without a filter', () => {
    let total = -1;
    service.list().subscribe((list) => (total = list.total));
    const req = http.expectOne('/api/jobs');
    expect(req.request.method).toBe('GET');
    expect(req.request.params.keys()).toEqual([]);
    req.flush({ items: [makeJob()], total: 1 });
    expect(total).toBe(1);
  });

  it('passes state, limit and offset as query parameters', () => {
    service.list({ state: 'failed', limit: 20, offset: 40 }).subscribe();
    const req = http.expectOne((r) => r.url === '/api/jobs');
    expect(req.request.urlWithParams).toBe('/api/jobs?state=failed&limit=20&offset=40');
    req.flush({ items: [], total: 0 });
  });

  it('omits a null state filter', () => {
    service.list({ state: null, limit: 5 }).subscribe();
    http.expectOne('/api/jobs?limit=5').flush({ items: [], total: 0 });
  });

  it('passes the admin filters (kind, trimmed owner and worker), skipping blank ones', () => {
    service.list({ kind: 'compile', owner: ' alice ', workerId: ' ', state: 'failed' }).subscribe();
    http
      .expectOne('/api/jobs?state=failed&kind=compile&owner=alice')
      .flush({ items: [], total: 0 });
  });

  it('bulk-retries failed jobs through the admin endpoint', () => {
    let retried = -1;
    service.retryFailed({ owner: 'bob' }).subscribe((result) => (retried = result.retried));
    const req = http.expectOne('/api/admin/jobs/retry-failed');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ owner: 'bob' });
    req.flush({ retried: 2, skipped: 0, problems: [] });
    expect(retried).toBe(2);
  });

  it('gets one job by id', () => {
    let id = '';
    service.get('abc-123').subscribe((job) => (id = job.id));
    const req = http.expectOne('/api/jobs/abc-123');
    expect(req.request.method).toBe('GET');
    req.flush(makeJob({ id: 'abc-123' }));
    expect(id).toBe('abc-123');
  });

  it('posts a probe job with its options', () => {
    service.runProbe({ durationSeconds: 3, fps: 30 }).subscribe();
    const req = http.expectOne('/api/jobs/probe');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ durationSeconds: 3, fps: 30 });
    req.flush(makeJob(), { status: 201, statusText: 'Created' });
  });

  it('posts an empty body when probing with defaults', () => {
    service.runProbe().subscribe();
    const req = http.expectOne('/api/jobs/probe');
    expect(req.request.body).toEqual({});
    req.flush(makeJob(), { status: 201, statusText: 'Created' });
  });

  it('retries and cancels through their endpoints', () => {
    service.retry('j1').subscribe();
    service.cancel('j2').subscribe();
    const retry = http.expectOne('/api/jobs/j1/retry');
    const cancel = http.expectOne('/api/jobs/j2/cancel');
    expect(retry.request.method).toBe('POST');
    expect(cancel.request.method).toBe('POST');
    retry.flush(makeJob({ id: 'j1', state: 'queued' }));
    cancel.flush(makeJob({ id: 'j2', state: 'cancelled' }));
  });

  it('escapes ids that would change the path', () => {
    service.get('a/b').subscribe();
    http.expectOne('/api/jobs/a%2Fb').flush(makeJob());
  });
});

describe('isJobActive', () => {
  it('is true only for queued and running', () => {
    expect(isJobActive('queued')).toBe(true);
    expect(isJobActive('running')).toBe(true);
    expect(isJobActive('completed')).toBe(false);
    expect(isJobActive('failed')).toBe(false);
    expect(isJobActive('cancelled')).toBe(false);
    expect(isJobActive(null)).toBe(false);
    expect(isJobActive(undefined)).toBe(false);
  });
});
