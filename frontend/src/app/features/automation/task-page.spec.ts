import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { AutomationRunDto, AutomationTaskDto } from '@clippyfront/shared';
import { RUN_POLL_MS, TaskPage } from './task-page';

const TASK: AutomationTaskDto = {
  id: 't1',
  name: 'Weekly',
  source: {
    kind: 'twitch',
    username: 'streamer',
    lastDays: 7,
    count: 5,
    minViews: 0,
    sort: 'views',
  },
  introId: null,
  outroId: null,
  transitionIds: [],
  randomizeTransitions: false,
  output: { resolution: '720p', format: 'mp4', fps: 30, maxClipSeconds: 30 },
  projectNameTemplate: '{task} {date}',
  previousProject: 'keep',
  lastRun: null,
  nextRunAt: null,
  createdAt: '2026-05-01T00:00:00Z',
  updatedAt: '2026-05-01T00:00:00Z',
};

const run = (fields: Partial<AutomationRunDto>): AutomationRunDto => ({
  id: 'r1',
  taskId: 't1',
  trigger: 'manual',
  scheduleId: null,
  state: 'running',
  stage: 'downloads',
  progress: 30,
  projectId: 'p1',
  compilationId: null,
  videoMediaId: null,
  skippedClips: [],
  error: null,
  scheduledFor: null,
  late: false,
  log: ['Fetched 2 clip(s)'],
  createdAt: '2026-05-01T00:00:00Z',
  startedAt: '2026-05-01T00:00:00Z',
  finishedAt: null,
  ...fields,
});

describe('TaskPage', () => {
  let fixture: ComponentFixture<TaskPage>;
  let http: HttpTestingController;
  const el = () => fixture.nativeElement as HTMLElement;
  const byTestId = (id: string) => el().querySelector<HTMLElement>(`[data-testid="${id}"]`);

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(TaskPage);
    for (const type of ['intro', 'outro', 'transition']) {
      http.expectOne(`/api/media?type=${type}&limit=100`).flush({ items: [], total: 0 });
    }
  });

  afterEach(() => {
    fixture.destroy();
    jest.useRealTimers();
    http.verify();
  });

  function open(): void {
    fixture.componentRef.setInput('id', 't1');
    fixture.detectChanges();
    http.expectOne('/api/automation/tasks/t1').flush(TASK);
    http.expectOne('/api/automation/tasks/t1/runs').flush([]);
    http.expectOne('/api/automation/tasks/t1/schedules').flush([]);
    fixture.detectChanges();
  }

  it('fills the editor from the task', () => {
    open();
    expect((byTestId('task-name') as HTMLInputElement).value).toBe('Weekly');
    expect((byTestId('task-username') as HTMLInputElement).value).toBe('streamer');
    expect((byTestId('task-resolution') as HTMLSelectElement).value).toBe('720p');
  });

  it('runs now and follows the run until it is done, then links the project and video', () => {
    open();
    byTestId('task-run-now')!.click();
    http.expectOne('/api/automation/tasks/t1/run').flush({ runId: 'r1' });
    http.expectOne('/api/automation/runs/r1').flush(run({}));
    fixture.detectChanges();
    expect(byTestId('task-run-stage')!.textContent).toContain('Downloading');
    expect(el().querySelector('cf-progress-bar')!.getAttribute('aria-valuenow')).toBe('30');
    expect(byTestId('task-run-cancel')).not.toBeNull();

    jest.advanceTimersByTime(RUN_POLL_MS);
    http.expectOne('/api/automation/runs/r1').flush(
      run({
        state: 'completed',
        stage: 'done',
        progress: 100,
        videoMediaId: 'm1',
        compilationId: 'c1',
      }),
    );
    http.expectOne('/api/automation/tasks/t1/runs').flush([run({ state: 'completed' })]);
    fixture.detectChanges();
    expect(byTestId('task-run-state')!.getAttribute('data-state')).toBe('completed');
    expect(byTestId('task-run-video')!.getAttribute('href')).toBe('/api/media/m1/stream');
    expect(byTestId('task-run-project')!.getAttribute('href')).toBe('/projects/p1?step=compile');
    expect(byTestId('task-run-cancel')).toBeNull();
    // Finished: no more reads.
    jest.advanceTimersByTime(RUN_POLL_MS * 3);
    http.expectNone('/api/automation/runs/r1');
  });

  it('shows why a run was refused', () => {
    open();
    byTestId('task-run-now')!.click();
    http
      .expectOne('/api/automation/tasks/t1/run')
      .flush(
        { statusCode: 409, message: 'Task “Weekly” is already running' },
        { status: 409, statusText: 'Conflict' },
      );
    fixture.detectChanges();
    expect(byTestId('task-run-refused')!.textContent).toContain('already running');
  });

  it('adds a weekly schedule and lists it with its next run', () => {
    open();
    const type = byTestId('schedule-type') as HTMLSelectElement;
    type.value = 'weekly';
    type.dispatchEvent(new Event('change'));
    fixture.detectChanges();
    (byTestId('schedule-timezone') as HTMLInputElement).value = 'UTC';
    byTestId('schedule-timezone')!.dispatchEvent(new Event('input'));
    byTestId('schedule-add')!.click();
    const req = http.expectOne('/api/automation/tasks/t1/schedules');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      type: 'weekly',
      time: '09:00',
      timezone: 'UTC',
      weekday: 1,
    });
    req.flush({});
    http.expectOne('/api/automation/tasks/t1/schedules').flush([
      {
        id: 's1',
        taskId: 't1',
        type: 'weekly',
        time: '09:00',
        weekday: 1,
        dayOfMonth: null,
        timezone: 'UTC',
        enabled: true,
        nextRunAt: '2026-05-04T09:00:00Z',
        lastRunAt: null,
        createdAt: '2026-05-01T00:00:00Z',
        updatedAt: '2026-05-01T00:00:00Z',
      },
    ]);
    fixture.detectChanges();
    expect(byTestId('task-schedule-rule')!.textContent).toBe('Weekly, Monday 09:00 (UTC)');
    expect(byTestId('task-schedule-next')!.textContent).toMatch(/2026/);
  });
});
