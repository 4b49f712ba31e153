import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import type {
  ArrangementDto,
  CompilationDto,
  JobDto,
  ProjectOutputSettings,
  RenderReadinessDto,
  TimelineClipDto,
  UsageDto,
} from '@clippyfront/shared';
import { DEFAULT_OUTPUT_SETTINGS, FFMPEG_INSTALL_COMMAND } from '@clippyfront/shared';
import { makeCompilation, makeCompletedCompilation } from '../../../../testing/compile-fixtures';
import { choose, makeHealth, makeJob, text } from '../../../../testing/fixtures';
import { makeMedia } from '../../../../testing/media-fixtures';
import { makeTimelineClip } from '../../../../testing/project-fixtures';
import { makePlanUsage } from '../../../../testing/tier-fixtures';
import { VIDEOJS_LOADER } from '../../media/video-js-loader';
import { BUSY_REASON, COMPILE_POLL_MS, CompileStep, EMPTY_TIMELINE_REASON } from './compile-step';

const TIMELINE_URL = '/api/projects/p1/timeline';
const LIST_URL = '/api/projects/p1/compilations';
const COMPILE_URL = '/api/projects/p1/compile';
const JOB_URL = '/api/jobs/job-c1';
const USAGE_URL = '/api/auth/me/usage';
const ARRANGEMENT_URL = '/api/projects/p1/arrangement';
const HEALTH_URL = '/api/health';

const NO_ARRANGEMENT: ArrangementDto = {
  introId: null,
  outroId: null,
  transitionIds: [],
  randomizeTransitions: false,
};
/** A plan that limits nothing, so the other tests see every choice. */
const UNLIMITED = makePlanUsage({
  tier: {
    name: 'Unlimited',
    unlimited: true,
    maxResolution: '2160p',
    maxFps: 60,
    maxClipsPerProject: null,
  },
  storage: { limitBytes: null },
  render: { limitSeconds: null },
});

const twoClips = [
  makeTimelineClip({ id: 'a', durationSeconds: 2, playSeconds: 2 }),
  makeTimelineClip({ id: 'b', durationSeconds: 2.2, playSeconds: 2.2 }),
];

describe('CompileStep', () => {
  let fixture: ComponentFixture<CompileStep>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let arrangeRequests: number;

  const byTestId = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const all = (id: string) => Array.from(el.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const click = (target: Element | null | undefined) => {
    (target as HTMLElement).click();
    fixture.detectChanges();
  };
  const select = (id: string) => byTestId(id) as HTMLSelectElement;
  const startButton = () => byTestId('compile-start') as HTMLButtonElement;
  const timelineOf = (items: TimelineClipDto[]) => ({
    items,
    totalSeconds: items.reduce((sum, i) => sum + (i.playSeconds ?? 0), 0),
    maxClipSeconds: 30,
  });
  const compileJob = (overrides: Partial<JobDto> = {}) =>
    makeJob({ id: 'job-c1', kind: 'probe', state: 'running', ...overrides });

  /** Answers one poll: the list, then the latest compilation's job. */
  function answerPoll(items: CompilationDto[], job: JobDto, jobUrl = JOB_URL): void {
    http.expectOne({ method: 'GET', url: LIST_URL }).flush({ items });
    http.expectOne({ method: 'GET', url: jobUrl }).flush(job);
    fixture.detectChanges();
  }

  /** Answers the plan and the arrangement (without intro, outro or transitions by default). */
  function answerPlan(usage: UsageDto = UNLIMITED, arrangement = NO_ARRANGEMENT): void {
    http.expectOne(USAGE_URL).flush(usage);
    http.expectOne(ARRANGEMENT_URL).flush(arrangement);
  }

  function create(
    options: {
      timeline?: TimelineClipDto[];
      compilations?: CompilationDto[];
      output?: ProjectOutputSettings;
      usage?: UsageDto;
      arrangement?: ArrangementDto;
      render?: RenderReadinessDto;
    } = {},
  ): void {
    fixture = TestBed.createComponent(CompileStep);
    el = fixture.nativeElement as HTMLElement;
    arrangeRequests = 0;
    fixture.componentInstance.arrange.subscribe(() => arrangeRequests++);
    fixture.componentRef.setInput('projectId', 'p1');
    fixture.componentRef.setInput('output', options.output ?? DEFAULT_OUTPUT_SETTINGS);
    fixture.detectChanges();
    http.expectOne(TIMELINE_URL).flush(timelineOf(options.timeline ?? twoClips));
    http.expectOne(LIST_URL).flush({ items: options.compilations ?? [] });
    answerPlan(options.usage, options.arrangement);
    http.expectOne(HEALTH_URL).flush(makeHealth(options.render && { render: options.render }));
    fixture.detectChanges();
  }

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({
      imports: [CompileStep],
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        // The player's video.js is not loaded in unit tests.
        { provide: VIDEOJS_LOADER, useValue: () => new Promise(() => undefined) },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture?.destroy();
    jest.advanceTimersByTime(COMPILE_POLL_MS * 5);
    jest.useRealTimers();
    http.verify();
  });

  it('says when videos cannot be rendered: what is missing and the install command', () => {
    create({
      render: {
        ready: false,
        missing: ['ffmpeg'],
        reason: 'ffmpeg/ffprobe are not installed on the server.',
        installCommand: FFMPEG_INSTALL_COMMAND,
      },
    });
    expect(text(byTestId('render-notice-reason'))).toBe(
      'ffmpeg/ffprobe are not installed on the server.',
    );
    expect(text(byTestId('render-install-command'))).toBe('sudo apt-get install -y ffmpeg');
  });

  it('shows no render notice when the server can render', () => {
    create();
    expect(byTestId('render-notice')).toBeNull();
  });

  it('starts from the project’s output settings and shows the timeline', () => {
    create({
      output: { ...DEFAULT_OUTPUT_SETTINGS, resolution: '2160p', fps: 50, format: 'webm' },
    });
    expect(select('compile-resolution').value).toBe('2160p');
    expect(select('compile-fps').value).toBe('50');
    expect(select('compile-format').value).toBe('webm');
    // The same choices as the project form.
    const values = (id: string) => [...select(id).options].map((o) => o.value);
    expect(values('compile-resolution')).toEqual(['720p', '1080p', '1440p', '2160p']);
    expect(values('compile-fps')).toEqual(['24', '25', '30', '50', '60']);
    expect(values('compile-format')).toEqual(['mp4', 'webm', 'mkv']);
    expect(select('compile-quality').value).toBe('standard');
    expect(text(byTestId('compile-quality-hint'))).toBe('Good picture, moderate size');
    expect(text(byTestId('compile-timeline'))).toBe('Timeline: 2 clips · 0:04');
    expect(startButton().disabled).toBe(false);
    expect(byTestId('compile-blocked')).toBeNull();
    expect(byTestId('compile-current')).toBeNull();
    expect(byTestId('compile-history')).toBeNull();
  });

  it('follows the project’s output settings when they change', () => {
    create();
    expect(select('compile-resolution').value).toBe('1080p');
    fixture.componentRef.setInput('output', {
      ...DEFAULT_OUTPUT_SETTINGS,
      resolution: '720p',
      fps: 24,
    });
    fixture.detectChanges();
    expect(select('compile-resolution').value).toBe('720p');
    expect(select('compile-fps').value).toBe('24');
  });

  it('cannot compile an empty timeline, says why and leads to the Arrange step', () => {
    create({ timeline: [] });
    expect(startButton().disabled).toBe(true);
    expect(text(byTestId('compile-blocked'))).toBe(EMPTY_TIMELINE_REASON);
    expect(startButton().getAttribute('aria-describedby')).toBe('compile-blocked');
    expect(text(byTestId('compile-timeline'))).toBe('Timeline: No clips');
    click(byTestId('compile-open-arrange'));
    expect(arrangeRequests).toBe(1);
    // A submit anyway (Enter in a field) sends nothing.
    byTestId('compile-form')!.dispatchEvent(new Event('submit'));
    http.expectNone(COMPILE_URL);
  });

  it('starts a compile with the chosen settings, follows it every second, then shows the video', () => {
    create();
    choose(select('compile-resolution'), '720p');
    choose(select('compile-fps'), '30');
    choose(select('compile-format'), 'mkv');
    choose(select('compile-quality'), 'high');
    fixture.detectChanges();
    expect(text(byTestId('compile-quality-hint'))).toBe('Best picture, largest file');
    click(startButton());
    expect(text(startButton())).toBe('Starting…');
    expect(startButton().disabled).toBe(true);
    const post = http.expectOne({ method: 'POST', url: COMPILE_URL });
    expect(post.request.body).toEqual({
      resolution: '720p',
      fps: 30,
      format: 'mkv',
      quality: 'high',
    });
    const queued = makeCompilation({
      settings: { resolution: '720p', fps: 30, format: 'mkv', quality: 'high' },
    });
    post.flush(queued, { status: 202, statusText: 'Accepted' });
    fixture.detectChanges();

    // Queued: a progress bar at 0, the stage, Cancel; no second compile meanwhile.
    expect(byTestId('compile-current')!.getAttribute('data-state')).toBe('queued');
    expect(byTestId('compile-progress')!.getAttribute('role')).toBe('progressbar');
    expect(byTestId('compile-progress')!.getAttribute('aria-valuenow')).toBe('0');
    expect(text(byTestId('compile-stage'))).toBe('Waiting for a worker…');
    expect(text(byTestId('compile-current-settings'))).toBe('720p · 30 fps · MKV · High quality');
    expect(byTestId('compile-cancel')).not.toBeNull();
    expect(startButton().disabled).toBe(true);
    expect(text(byTestId('compile-blocked'))).toBe(BUSY_REASON);

    // Nothing is read before a second has passed.
    jest.advanceTimersByTime(COMPILE_POLL_MS - 1);
    http.expectNone(LIST_URL);
    jest.advanceTimersByTime(1);
    const running = { ...queued, state: 'running' as const, progress: 20 };
    answerPoll(
      [running],
      compileJob({
        progress: 35,
        log: ['Starting', 'Preparing clips', 'Processing clip 2/4: Ace'],
      }),
    );
    expect(byTestId('compile-progress')!.getAttribute('aria-valuenow')).toBe('35');
    expect(text(byTestId('compile-stage'))).toBe('Processing clip 2/4: Ace');
    expect(all('compile-log')[0]!.querySelectorAll('li')).toHaveLength(3);

    jest.advanceTimersByTime(COMPILE_POLL_MS);
    answerPoll(
      [{ ...running, progress: 80 }],
      compileJob({ progress: 80, log: ['Concatenating: Ace (2 of 6)'] }),
    );
    expect(text(byTestId('compile-stage'))).toBe('Concatenating: Ace (2 of 6)');

    jest.advanceTimersByTime(COMPILE_POLL_MS);
    const done = makeCompletedCompilation({ settings: queued.settings });
    answerPoll([done], compileJob({ state: 'completed', progress: 100 }));
    // It used render time: the plan is read again.
    http.expectOne(USAGE_URL).flush(UNLIMITED);
    expect(byTestId('compile-progress')).toBeNull();
    expect(byTestId('compile-result')).not.toBeNull();
    expect(startButton().disabled).toBe(false);

    // Finished: no more reads.
    jest.advanceTimersByTime(COMPILE_POLL_MS * 10);
    http.expectNone(LIST_URL);
  });

  it('shows the finished video, its downloads, chapters and facts, and the earlier compilations', () => {
    const earlierDone = makeCompletedCompilation({
      id: 'comp-0',
      jobId: 'job-c0',
      createdAt: '2026-01-02T09:00:00.000Z',
      settings: { resolution: '720p', fps: 60, format: 'mp4', quality: 'small' },
    });
    const earlierFailed = makeCompilation({
      id: 'comp-f',
      jobId: 'job-f',
      state: 'failed',
      error: 'ffmpeg exploded',
    });
    create({ compilations: [makeCompletedCompilation(), earlierDone, earlierFailed] });
    expect(byTestId('compile-tier-note')).toBeNull();
    const result = byTestId('compile-result')!;
    expect(result.querySelector('cf-video-player')).not.toBeNull();
    const download = byTestId('compile-download') as HTMLAnchorElement;
    expect(download.getAttribute('href')).toBe('/api/media/media-c1/stream');
    expect(download.getAttribute('download')).toBe('Best of January.mp4');
    const chapters = byTestId('compile-chapters-download') as HTMLAnchorElement;
    expect(chapters.getAttribute('href')).toBe('/api/projects/p1/compilations/comp-1/chapters.txt');
    expect(chapters.hasAttribute('download')).toBe(true);
    expect(text(chapters)).toBe('Download chapters (.txt)');
    expect(all('compile-chapter').map((c) => text(c))).toEqual([
      '00:00 Intro',
      '00:06 Insane clutch — clipper42',
      '01:05 Outro',
    ]);
    expect(text(byTestId('compile-duration'))).toBe('1:15');
    expect(text(byTestId('compile-size'))).toBe('12.3 MiB');
    expect(text(byTestId('compile-render-time'))).toBe('42 s');
    expect(text(byTestId('compile-encoder'))).toBe('x264 (CPU)');

    const items = all('compile-history-item');
    expect(items.map((i) => i.getAttribute('data-state'))).toEqual(['completed', 'failed']);
    expect(text(items[0]!.querySelector('[data-testid="compile-history-settings"]'))).toBe(
      '720p · 60 fps · MP4 · Small file quality',
    );
    const earlierDownload = items[0]!.querySelector<HTMLAnchorElement>(
      '[data-testid="compile-history-download"]',
    )!;
    expect(earlierDownload.getAttribute('href')).toBe('/api/media/media-c1/stream');
    expect(earlierDownload.hasAttribute('download')).toBe(true);
    expect(
      items[0]!.querySelector('[data-testid="compile-history-chapters"]')?.getAttribute('href'),
    ).toBe('/api/projects/p1/compilations/comp-0/chapters.txt');
    expect(items[1]!.querySelector('a')).toBeNull();

    // Nothing runs: nothing is polled.
    jest.advanceTimersByTime(COMPILE_POLL_MS * 3);
    http.expectNone(LIST_URL);
  });

  it('leaves imported compilations to the Export step: the latest render is the one shown', () => {
    const imported = makeCompletedCompilation({
      id: 'comp-i',
      source: 'ingest',
      jobId: null,
      settings: null,
      imported: { workerId: 'render-01', artifact: 'a', path: 'render-01/a/v.mp4' },
      createdAt: '2026-01-05T09:00:00.000Z',
    });
    create({ compilations: [imported, makeCompletedCompilation()] });
    const chapters = byTestId('compile-chapters-download') as HTMLAnchorElement;
    expect(chapters.getAttribute('href')).toBe('/api/projects/p1/compilations/comp-1/chapters.txt');
    expect(all('compile-history-item')).toHaveLength(0);
    jest.advanceTimersByTime(COMPILE_POLL_MS * 3);
    http.expectNone(LIST_URL);
  });

  it('says what the plan lowered of the settings asked for', () => {
    const note = 'Tier limit (Free): output lowered, 2160p → 1080p, 60 → 30 fps';
    create({ compilations: [makeCompletedCompilation({ tierNote: note })] });
    expect(text(byTestId('compile-tier-note'))).toBe(note);
  });

  it('shows why a compile failed; Retry retries its job and follows it again', () => {
    const failed = makeCompilation({
      state: 'failed',
      progress: 40,
      error: 'Clip 2 is unreadable',
    });
    create({ compilations: [failed] });
    expect(text(byTestId('compile-failed'))).toContain('The compile failed');
    expect(text(byTestId('compile-error'))).toBe('Clip 2 is unreadable');
    expect(startButton().disabled).toBe(false);
    click(byTestId('compile-retry'));
    expect(text(byTestId('compile-retry'))).toBe('Retrying…');
    const retry = http.expectOne({ method: 'POST', url: `${JOB_URL}/retry` });
    retry.flush(compileJob({ state: 'queued', progress: 0 }));
    fixture.detectChanges();
    // At once: the list and the job are read again; then every second while it runs.
    expect(byTestId('compile-progress')).not.toBeNull();
    expect(byTestId('compile-failed')).toBeNull();
    const queued = { ...failed, state: 'queued' as const, progress: 0, error: null };
    answerPoll([queued], compileJob({ state: 'queued', progress: 0 }));
    expect(text(byTestId('compile-stage'))).toBe('Waiting for a worker…');
    jest.advanceTimersByTime(COMPILE_POLL_MS);
    answerPoll([{ ...queued, state: 'running' }], compileJob({ log: ['Starting'] }));
    expect(text(byTestId('compile-stage'))).toBe('Starting');
  });

  it('says a cancelled compile was cancelled; a refused retry shows the reason', () => {
    create({ compilations: [makeCompilation({ state: 'cancelled' })] });
    expect(text(byTestId('compile-failed'))).toContain('The compile was cancelled');
    expect(byTestId('compile-error')).toBeNull();
    click(byTestId('compile-retry'));
    http
      .expectOne({ method: 'POST', url: `${JOB_URL}/retry` })
      .flush(
        { statusCode: 409, message: 'The job cannot be retried' },
        { status: 409, statusText: 'Conflict' },
      );
    fixture.detectChanges();
    expect(text(byTestId('compile-action-error'))).toBe(
      'Could not retry the compile: The job cannot be retried (HTTP 409)',
    );
    answerPoll([makeCompilation({ state: 'cancelled' })], compileJob({ state: 'cancelled' }));
  });

  it('cancels a running compile', () => {
    const running = makeCompilation({ state: 'running', progress: 10 });
    create({ compilations: [running] });
    expect(byTestId('compile-progress')!.getAttribute('aria-valuenow')).toBe('10');
    expect(text(byTestId('compile-stage'))).toBe('Starting…');
    click(byTestId('compile-cancel'));
    expect(text(byTestId('compile-cancel'))).toBe('Cancelling…');
    http
      .expectOne({ method: 'POST', url: `${JOB_URL}/cancel` })
      .flush(compileJob({ state: 'cancelled', progress: 10 }));
    fixture.detectChanges();
    expect(byTestId('compile-failed')).not.toBeNull();
    answerPoll(
      [{ ...running, state: 'cancelled', error: 'Cancelled' }],
      compileJob({ state: 'cancelled' }),
    );
    expect(text(byTestId('compile-error'))).toBe('Cancelled');
    jest.advanceTimersByTime(COMPILE_POLL_MS * 3);
    http.expectNone(LIST_URL);
  });

  it('keeps following through a passing read error', () => {
    create({ compilations: [makeCompilation({ state: 'running' })] });
    jest.advanceTimersByTime(COMPILE_POLL_MS);
    http.expectOne(LIST_URL).error(new ProgressEvent('error'), { status: 0 });
    fixture.detectChanges();
    expect(text(byTestId('compile-poll-error'))).toContain('Could not read the progress');
    // forkJoin gave up on the job read with the list.
    expect(http.match(JOB_URL).every((r) => r.cancelled)).toBe(true);
    jest.advanceTimersByTime(COMPILE_POLL_MS);
    answerPoll([makeCompilation({ state: 'running' })], compileJob({ progress: 50 }));
    expect(byTestId('compile-poll-error')).toBeNull();
    expect(byTestId('compile-progress')!.getAttribute('aria-valuenow')).toBe('50');
  });

  it('stops polling when the step goes away', () => {
    create({ compilations: [makeCompilation({ state: 'running' })] });
    jest.advanceTimersByTime(COMPILE_POLL_MS);
    const list = http.expectOne(LIST_URL);
    const job = http.expectOne(JOB_URL);
    fixture.destroy();
    expect(list.cancelled).toBe(true);
    expect(job.cancelled).toBe(true);
    jest.advanceTimersByTime(COMPILE_POLL_MS * 10);
    http.expectNone(LIST_URL);
    http.expectNone(JOB_URL);
  });

  it('shows the API’s refusal to start and reads the timeline again', () => {
    create();
    click(startButton());
    http
      .expectOne(COMPILE_URL)
      .flush(
        { statusCode: 400, message: 'The timeline is empty: put clips on it in the Arrange step' },
        { status: 400, statusText: 'Bad Request' },
      );
    fixture.detectChanges();
    expect(text(byTestId('compile-start-error'))).toBe(
      'The timeline is empty: put clips on it in the Arrange step',
    );
    expect(text(startButton())).toBe('Compile');
    http.expectOne(TIMELINE_URL).flush(timelineOf([]));
    fixture.detectChanges();
    expect(startButton().disabled).toBe(true);
    expect(text(byTestId('compile-blocked'))).toBe(EMPTY_TIMELINE_REASON);
  });

  it('shows a load error and tries again', () => {
    fixture = TestBed.createComponent(CompileStep);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('projectId', 'p1');
    fixture.detectChanges();
    http
      .expectOne(TIMELINE_URL)
      .flush({ statusCode: 404, message: 'Project not found' }, { status: 404, statusText: 'x' });
    expect(http.match(LIST_URL).every((r) => r.cancelled)).toBe(true);
    answerPlan();
    http.expectOne(HEALTH_URL).flush(makeHealth());
    fixture.detectChanges();
    expect(text(byTestId('compile-load-error'))).toContain('Project not found');
    click(byTestId('compile-load-error')!.querySelector('button'));
    http.expectOne(TIMELINE_URL).flush(timelineOf(twoClips));
    http.expectOne(LIST_URL).flush({ items: [] });
    answerPlan();
    http.expectOne(HEALTH_URL).flush(makeHealth());
    fixture.detectChanges();
    expect(byTestId('compile-load-error')).toBeNull();
    expect(byTestId('compile-form')).not.toBeNull();
  });

  it('offers only what the plan allows, lowering the project’s settings to its caps', () => {
    create({
      output: { ...DEFAULT_OUTPUT_SETTINGS, resolution: '2160p', fps: 60 },
      usage: makePlanUsage(),
    });
    expect(select('compile-resolution').value).toBe('1080p');
    expect(select('compile-fps').value).toBe('30');
    const disabled = (id: string) =>
      [...select(id).options].filter((o) => o.disabled).map((o) => o.value);
    expect(disabled('compile-resolution')).toEqual(['1440p', '2160p']);
    expect(disabled('compile-fps')).toEqual(['50', '60']);
    expect(text(byTestId('compile-caps-note'))).toBe('Your plan allows up to 1080p / 30 fps.');
    // A disabled choice cannot be picked.
    choose(select('compile-resolution'), '2160p');
    choose(select('compile-fps'), '24');
    click(startButton());
    const post = http.expectOne({ method: 'POST', url: COMPILE_URL });
    expect(post.request.body).toMatchObject({ resolution: '1080p', fps: 24 });
    post.flush(makeCompilation(), { status: 202, statusText: 'Accepted' });
    fixture.detectChanges();
  });

  it('says nothing about caps that take nothing away', () => {
    create();
    expect(byTestId('compile-caps-note')).toBeNull();
    expect([...select('compile-resolution').options].some((o) => o.disabled)).toBe(false);
  });

  it('refuses more clips than the plan allows, before Compile', () => {
    const three = [...twoClips, makeTimelineClip({ id: 'c', durationSeconds: 1, playSeconds: 1 })];
    create({ timeline: three, usage: makePlanUsage({ tier: { maxClipsPerProject: 2 } }) });
    const reason = 'Your plan allows 2 clips per project; this timeline has 3.';
    expect(text(byTestId('compile-plan-problem'))).toBe(reason);
    expect(text(byTestId('compile-blocked'))).toBe(reason);
    expect(startButton().disabled).toBe(true);
    byTestId('compile-form')!.dispatchEvent(new Event('submit'));
    http.expectNone(COMPILE_URL);
  });

  it('estimates the length like Arrange and refuses it over the render time left', () => {
    const clips = [
      makeTimelineClip({ id: 'a', durationSeconds: 30, playSeconds: 30 }),
      makeTimelineClip({ id: 'b', durationSeconds: 45, playSeconds: 30 }),
    ];
    create({
      timeline: clips,
      usage: makePlanUsage({ render: { usedSecondsThisMonth: 1740, limitSeconds: 1800 } }),
      arrangement: {
        introId: 'i1',
        outroId: 'gone',
        transitionIds: ['t1', 't2'],
        randomizeTransitions: false,
      },
    });
    // The estimate waits for the chosen media's lengths (a deleted one counts as not chosen).
    expect(text(byTestId('compile-estimate'))).toBe('unknown');
    http.expectOne('/api/media/i1').flush(makeMedia({ id: 'i1', durationSeconds: 5 }));
    http
      .expectOne('/api/media/gone')
      .flush({ statusCode: 404, message: 'gone' }, { status: 404, statusText: 'Not Found' });
    http.expectOne('/api/media/t1').flush(makeMedia({ id: 't1', durationSeconds: 2 }));
    http.expectOne('/api/media/t2').flush(makeMedia({ id: 't2', durationSeconds: 3 }));
    fixture.detectChanges();
    // Intro 5 + 30 + transition t1 2 + 30 = 67 s, and 3 bumpers of 0.5 s.
    expect(text(byTestId('compile-estimate'))).toBe('about 1:09');
    expect(text(byTestId('compile-render-left'))).toBe('1 min of 30 min · resets 1 Jan 2027');
    expect(byTestId('compile-render-left')!.classList.contains('text-warning')).toBe(true);
    const reason =
      'This compile is about 1:09 long, but your plan has 1 min of render time left this month.';
    expect(text(byTestId('compile-plan-problem'))).toBe(reason);
    expect(text(byTestId('compile-blocked'))).toBe(reason);
    expect(startButton().disabled).toBe(true);
  });

  it('lets a compile start that fits in the render time left', () => {
    create({ usage: makePlanUsage() });
    // 2 + 2.2 s and one bumper.
    expect(text(byTestId('compile-estimate'))).toBe('about 0:05');
    expect(text(byTestId('compile-render-left'))).toBe('18 min of 30 min · resets 1 Jan 2027');
    expect(byTestId('compile-plan-problem')).toBeNull();
    expect(startButton().disabled).toBe(false);
  });

  it('shows the API’s render-time refusal and reads the plan again', () => {
    create({ usage: makePlanUsage() });
    click(startButton());
    const message = 'Not enough render time left this month: 10 s left, this compile needs 5 s';
    http.expectOne(COMPILE_URL).flush(
      {
        statusCode: 403,
        message,
        remainingSeconds: 10,
        limitSeconds: 1800,
        estimatedSeconds: 5,
      },
      { status: 403, statusText: 'Forbidden' },
    );
    fixture.detectChanges();
    expect(text(byTestId('compile-start-error'))).toBe(message);
    http.expectOne(USAGE_URL).flush(makePlanUsage({ render: { usedSecondsThisMonth: 1800 } }));
    http.expectOne(TIMELINE_URL).flush(timelineOf(twoClips));
    fixture.detectChanges();
    expect(text(byTestId('compile-render-left'))).toBe('0 s of 30 min · resets 1 Jan 2027');
    expect(startButton().disabled).toBe(true);
  });
});
