import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { JobDto } from '@clippyfront/shared';
import { makeJob, text } from '../../../testing/fixtures';
import { JOB_DETAIL_POLL_MS, JobDetailPage } from './job-detail-page';

describe('JobDetailPage', () => {
  let fixture: ComponentFixture<JobDetailPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const button = (id: string) => byTestId(id) as HTMLButtonElement;

  /** Creates the page for job `id` and answers its first GET with `job`. */
  function open(job: JobDto): void {
    fixture = TestBed.createComponent(JobDetailPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', job.id);
    fixture.detectChanges();
    http.expectOne(`/api/jobs/${job.id}`).flush(job);
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [JobDetailPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture?.destroy();
    jest.useRealTimers();
    http.verify();
  });

  it('shows state, progress, attempts, worker, log lines and result', () => {
    open(
      makeJob({
        id: 'j-done',
        state: 'completed',
        progress: 100,
        attempts: 1,
        maxAttempts: 3,
        workerId: 'worker-7',
        startedAt: '2026-01-02T10:00:01.000Z',
        finishedAt: '2026-01-02T10:00:04.000Z',
        log: ['generating test clip', 'probing /tmp/probe.mp4', 'done'],
        result: {
          ffmpegVersion: '7.1.1',
          formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
          durationSeconds: 2,
          sizeBytes: 20_480,
          video: { codec: 'h264', width: 320, height: 240, fps: 25 },
          audio: { codec: 'aac', sampleRate: 48_000, channels: 2 },
        },
      }),
    );

    expect(text(byTestId('job-state'))).toBe('completed');
    expect(byTestId('job-progress')?.getAttribute('aria-valuenow')).toBe('100');
    expect(text(byTestId('job-progress'))).toBe('100%');
    expect(text(byTestId('job-attempts'))).toBe('1 / 3');
    expect(text(byTestId('job-worker'))).toBe('worker-7');

    const lines = Array.from(byTestId('job-log')?.querySelectorAll('.log__line') ?? []);
    expect(lines.map((l) => l.textContent)).toEqual([
      'generating test clip',
      'probing /tmp/probe.mp4',
      'done',
    ]);

    const result = JSON.parse(byTestId('job-result')?.textContent ?? 'null') as {
      video: { codec: string };
    };
    expect(result.video.codec).toBe('h264');
    expect(text(el)).toContain('320×240');
    expect(text(el)).toContain('20.0 KiB');
  });

  it('shows an empty log and no result while queued', () => {
    open(makeJob({ id: 'j-q', state: 'queued' }));

    expect(text(byTestId('job-log'))).toBe('No log output yet.');
    expect(text(byTestId('job-result'))).toContain('Available when the job completes');
    expect(text(byTestId('job-worker'))).toBe('not assigned');
  });

  it.each([
    ['queued', false, true],
    ['running', false, true],
    ['completed', false, false],
    ['failed', true, false],
    ['cancelled', true, false],
  ] as const)('with state %s: Retry shown=%s, Cancel shown=%s', (state, retry, cancel) => {
    open(makeJob({ id: `j-${state}`, state }));

    // A completed job offers neither: nothing to redo, nothing to stop.
    expect(byTestId('job-retry') !== null).toBe(retry);
    expect(byTestId('job-cancel') !== null).toBe(cancel);
    if (retry) expect(button('job-retry').disabled).toBe(false);
    if (cancel) expect(button('job-cancel').disabled).toBe(false);
  });

  it('shows the error of a failed job and retries it', () => {
    open(makeJob({ id: 'j-f', state: 'failed', error: 'ffprobe exited with code 1', attempts: 3 }));
    expect(text(byTestId('job-error'))).toContain('ffprobe exited with code 1');

    jest.useFakeTimers();
    button('job-retry').click();
    fixture.detectChanges();
    expect(button('job-retry').disabled).toBe(true);
    expect(text(byTestId('job-retry'))).toBe('Retrying…');

    const req = http.expectOne('/api/jobs/j-f/retry');
    expect(req.request.method).toBe('POST');
    req.flush(makeJob({ id: 'j-f', state: 'queued', attempts: 0 }));
    fixture.detectChanges();

    expect(text(byTestId('job-state'))).toBe('queued');
    expect(byTestId('job-error')).toBeNull();
    expect(byTestId('job-retry')).toBeNull();
    expect(button('job-cancel').disabled).toBe(false);

    // Queued again, so the page starts following it.
    jest.advanceTimersByTime(JOB_DETAIL_POLL_MS);
    http.expectOne('/api/jobs/j-f').flush(makeJob({ id: 'j-f', state: 'running' }));
  });

  it('cancels a running job', () => {
    open(makeJob({ id: 'j-r', state: 'running', progress: 40 }));

    button('job-cancel').click();
    const req = http.expectOne('/api/jobs/j-r/cancel');
    expect(req.request.method).toBe('POST');
    req.flush(makeJob({ id: 'j-r', state: 'cancelled', progress: 40 }));
    fixture.detectChanges();

    expect(text(byTestId('job-state'))).toBe('cancelled');
    expect(byTestId('job-cancel')).toBeNull();
    expect(button('job-retry').disabled).toBe(false);
  });

  it('shows why an action was refused', () => {
    open(makeJob({ id: 'j-r2', state: 'running' }));

    button('job-cancel').click();
    http
      .expectOne('/api/jobs/j-r2/cancel')
      .flush(
        { statusCode: 409, message: 'Job already finished' },
        { status: 409, statusText: 'Conflict' },
      );
    fixture.detectChanges();

    expect(text(byTestId('job-action-error'))).toContain('Job already finished (HTTP 409)');
    expect(button('job-cancel').disabled).toBe(false);
  });

  it('polls every second while running and stops once finished', () => {
    jest.useFakeTimers();
    open(makeJob({ id: 'j-p', state: 'running', progress: 10, log: ['start'] }));
    expect(byTestId('job-progress')?.getAttribute('aria-valuenow')).toBe('10');

    jest.advanceTimersByTime(JOB_DETAIL_POLL_MS - 1);
    http.expectNone('/api/jobs/j-p');
    jest.advanceTimersByTime(1);
    http
      .expectOne('/api/jobs/j-p')
      .flush(makeJob({ id: 'j-p', state: 'running', progress: 55, log: ['start', 'encoding'] }));
    fixture.detectChanges();
    expect(byTestId('job-progress')?.getAttribute('aria-valuenow')).toBe('55');
    expect(byTestId('job-log')?.querySelectorAll('.log__line').length).toBe(2);

    jest.advanceTimersByTime(JOB_DETAIL_POLL_MS);
    http
      .expectOne('/api/jobs/j-p')
      .flush(makeJob({ id: 'j-p', state: 'completed', progress: 100, result: { ok: true } }));
    fixture.detectChanges();
    expect(text(byTestId('job-state'))).toBe('completed');

    jest.advanceTimersByTime(JOB_DETAIL_POLL_MS * 5);
    http.expectNone('/api/jobs/j-p');
  });

  it('does not poll a finished job', () => {
    jest.useFakeTimers();
    open(makeJob({ id: 'j-c', state: 'completed', progress: 100 }));
    jest.advanceTimersByTime(JOB_DETAIL_POLL_MS * 5);
    http.expectNone('/api/jobs/j-c');
  });

  it('says so when the job does not exist', () => {
    fixture = TestBed.createComponent(JobDetailPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', 'missing');
    fixture.detectChanges();
    http
      .expectOne('/api/jobs/missing')
      .flush(
        { statusCode: 404, message: 'Job not found' },
        { status: 404, statusText: 'Not Found' },
      );
    fixture.detectChanges();

    expect(text(byTestId('job-not-found'))).toContain('missing');
    expect(byTestId('job-state')).toBeNull();
  });

  it('shows a readable error when the API is unreachable', () => {
    fixture = TestBed.createComponent(JobDetailPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', 'j-x');
    fixture.detectChanges();
    http.expectOne('/api/jobs/j-x').error(new ProgressEvent('error'), { status: 0 });
    fixture.detectChanges();

    expect(text(byTestId('job-error-banner'))).toContain('Cannot reach the ClippyFront API');
  });
});
