import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type {
  ArrangementDto,
  ClipDto,
  MediaDto,
  MediaType,
  TimelineClipDto,
} from '@clippyfront/shared';
import { text } from '../../../../testing/fixtures';
import { makeMedia } from '../../../../testing/media-fixtures';
import { makeClip, makeQueuedClip, makeTimelineClip } from '../../../../testing/project-fixtures';
import { ArrangeStep } from './arrange-step';

const ARRANGEMENT_URL = '/api/projects/p1/arrangement';
const TIMELINE_URL = '/api/projects/p1/timeline';
const CLIPS_URL = '/api/projects/p1/clips';

const media = (id: string, type: MediaType, durationSeconds = 3) =>
  makeMedia({ id, type, name: `${id}.mp4`, durationSeconds });
const intros = [media('i1', 'intro', 4), media('i2', 'intro', 6)];
const outros = [media('o1', 'outro', 5)];
const transitions = [
  media('t1', 'transition', 1),
  media('t2', 'transition', 2),
  media('t3', 'transition'),
];
const empty: ArrangementDto = {
  introId: null,
  outroId: null,
  transitionIds: [],
  randomizeTransitions: false,
};

describe('ArrangeStep', () => {
  let fixture: ComponentFixture<ArrangeStep>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  const all = (id: string) => Array.from(el.querySelectorAll<HTMLElement>(`[data-testid="${id}"]`));
  const cardIds = () => all('timeline-card').map((c) => c.getAttribute('data-clip-id'));
  const click = (target: Element | null | undefined) => {
    (target as HTMLElement).click();
    fixture.detectChanges();
  };
  const check = (input: Element | null | undefined) => {
    const box = input as HTMLInputElement;
    box.checked = !box.checked;
    box.dispatchEvent(new Event('change'));
    fixture.detectChanges();
  };
  const option = (picker: string, id: string) =>
    byTestId(picker)!.querySelector<HTMLInputElement>(`[data-media-id="${id}"] input`);
  const expectPut = (url: string) => http.expectOne({ method: 'PUT', url });
  const timelineOf = (items: TimelineClipDto[]) => ({
    items,
    totalSeconds: items.reduce((sum, i) => sum + (i.playSeconds ?? 0), 0),
    maxClipSeconds: 30,
  });

  function create(
    options: {
      arrangement?: ArrangementDto;
      timeline?: TimelineClipDto[];
      clips?: ClipDto[];
    } = {},
  ): void {
    fixture = TestBed.createComponent(ArrangeStep);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('projectId', 'p1');
    fixture.componentRef.setInput('maxClipSeconds', 30);
    fixture.detectChanges();
    http.expectOne(ARRANGEMENT_URL).flush(options.arrangement ?? empty);
    for (const [type, items] of [
      ['intro', intros],
      ['outro', outros],
      ['transition', transitions],
    ] as [MediaType, MediaDto[]][]) {
      const req = http.expectOne((r) => r.url === '/api/media' && r.params.get('type') === type);
      expect(req.request.params.get('limit')).toBe('200');
      req.flush({ items, total: items.length });
    }
    http.expectOne(TIMELINE_URL).flush(timelineOf(options.timeline ?? []));
    http.expectOne(CLIPS_URL).flush({ items: options.clips ?? [] });
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ArrangeStep],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture?.destroy();
    http.verify();
  });

  it('shows the pickers with thumbnails, the saved choices and the timeline with its total', () => {
    create({
      arrangement: {
        introId: 'i2',
        outroId: 'o1',
        transitionIds: ['t2', 't1'],
        randomizeTransitions: false,
      },
      timeline: [
        makeTimelineClip({ id: 'b', title: 'Bravo', durationSeconds: 20, playSeconds: 20 }),
        makeTimelineClip({ id: 'a', title: 'Alpha', durationSeconds: 45, playSeconds: 30 }),
      ],
      clips: [
        makeClip({ id: 'a' }),
        makeClip({ id: 'b' }),
        makeClip({ id: 'c', title: 'Charlie' }),
      ],
    });
    const introPicker = byTestId('intro-picker')!;
    expect(introPicker.querySelectorAll('[data-testid="media-option"]')).toHaveLength(2);
    expect(introPicker.querySelector('img')?.getAttribute('src')).toBe('/api/media/i1/thumbnail');
    expect(option('intro-picker', 'i2')!.checked).toBe(true);
    expect(option('outro-picker', 'o1')!.checked).toBe(true);
    expect(
      all('transition-option').map((o) => o.classList.contains('pick-card--selected')),
    ).toEqual([true, true, false]);
    // The cycle order shows on the chosen ones.
    expect(all('transition-order').map((o) => text(o))).toEqual(['2', '1']);
    expect(text(byTestId('transitions-count'))).toBe('2 of 3 chosen');

    expect(cardIds()).toEqual(['b', 'a']);
    expect(text(byTestId('timeline-total'))).toBe('0:50');
    // Intro i2 (6 s) + 50 s + the one gap with t2 (2 s) + outro (5 s), and a 0.5 s bumper
    // between each two of those 5 segments: what the API counts against the render time.
    expect(text(byTestId('timeline-estimate'))).toBe(
      'about 1:05 with the intro, outro, transitions and bumpers',
    );
    expect(byTestId('timeline-intro')).not.toBeNull();
    expect(byTestId('timeline-outro')).not.toBeNull();
    expect(all('timeline-available-clip').map((c) => c.getAttribute('data-clip-id'))).toEqual([
      'c',
    ]);
  });

  it('saves the intro and outro as they are picked (None clears them)', () => {
    create();
    expect(byTestId('timeline-estimate')).toBeNull();
    check(option('intro-picker', 'i1'));
    expect(text(byTestId('arrangement-status'))).toBe('Saving…');
    const put = expectPut(ARRANGEMENT_URL);
    expect(put.request.body).toEqual({ ...empty, introId: 'i1' });
    put.flush({ ...empty, introId: 'i1' });
    fixture.detectChanges();
    expect(text(byTestId('arrangement-status'))).toBe('Saved');

    check(byTestId('outro-picker')!.querySelector(`[data-media-id="o1"] input`));
    expectPut(ARRANGEMENT_URL).flush({ ...empty, introId: 'i1', outroId: 'o1' });
    check(byTestId('intro-picker-none')!.querySelector('input'));
    const cleared = expectPut(ARRANGEMENT_URL);
    expect(cleared.request.body).toEqual({ ...empty, outroId: 'o1' });
    cleared.flush({ ...empty, outroId: 'o1' });
  });

  it('selects all, clears all, toggles one and randomizes the transitions', () => {
    create({ arrangement: { ...empty, transitionIds: ['t3'] } });
    click(byTestId('transitions-select-all'));
    let put = expectPut(ARRANGEMENT_URL);
    expect(put.request.body.transitionIds).toEqual(['t3', 't1', 't2']);
    put.flush({ ...empty, transitionIds: ['t3', 't1', 't2'] });
    fixture.detectChanges();
    expect((byTestId('transitions-select-all') as HTMLButtonElement).disabled).toBe(true);

    check(all('transition-option')[0]!.querySelector('input'));
    put = expectPut(ARRANGEMENT_URL);
    expect(put.request.body.transitionIds).toEqual(['t3', 't2']);
    put.flush({ ...empty, transitionIds: ['t3', 't2'] });
    fixture.detectChanges();

    check(byTestId('transitions-randomize'));
    put = expectPut(ARRANGEMENT_URL);
    expect(put.request.body).toEqual({
      ...empty,
      transitionIds: ['t3', 't2'],
      randomizeTransitions: true,
    });
    put.flush(put.request.body);
    fixture.detectChanges();

    click(byTestId('transitions-clear-all'));
    put = expectPut(ARRANGEMENT_URL);
    expect(put.request.body).toEqual({ ...empty, randomizeTransitions: true });
    put.flush(put.request.body);
    fixture.detectChanges();
    expect((byTestId('transitions-clear-all') as HTMLButtonElement).disabled).toBe(true);
  });

  it('sends one arrangement at a time, the newest last', () => {
    create();
    check(option('intro-picker', 'i1'));
    check(option('intro-picker', 'i2'));
    const first = expectPut(ARRANGEMENT_URL);
    expect(first.request.body.introId).toBe('i1');
    first.flush({ ...empty, introId: 'i1' });
    const second = expectPut(ARRANGEMENT_URL);
    expect(second.request.body.introId).toBe('i2');
    second.flush({ ...empty, introId: 'i2' });
    fixture.detectChanges();
    expect(option('intro-picker', 'i2')!.checked).toBe(true);
  });

  it('shows a refused arrangement and reads it again', () => {
    create();
    check(option('intro-picker', 'i1'));
    expectPut(ARRANGEMENT_URL).flush(
      { statusCode: 404, message: 'Media not found: i1' },
      { status: 404, statusText: 'Not Found' },
    );
    fixture.detectChanges();
    expect(text(byTestId('arrangement-error'))).toBe(
      'Could not save: Media not found: i1 (HTTP 404)',
    );
    http.expectOne({ method: 'GET', url: ARRANGEMENT_URL }).flush(empty);
    fixture.detectChanges();
    expect(byTestId('intro-picker-none')!.querySelector('input')!.checked).toBe(true);
  });

  it('saves the order when a card moves, and keeps the saved answer', () => {
    const timeline = ['a', 'b', 'c'].map((id) =>
      makeTimelineClip({ id, durationSeconds: 10, playSeconds: 10 }),
    );
    create({ timeline, clips: timeline });
    click(all('timeline-card')[0]!.querySelector('[data-testid="timeline-move-down"]'));
    expect(cardIds()).toEqual(['b', 'a', 'c']);
    expect(text(byTestId('timeline-status'))).toBe('Saving…');
    const put = expectPut(TIMELINE_URL);
    expect(put.request.body).toEqual({ clipIds: ['b', 'a', 'c'] });
    put.flush(timelineOf([timeline[1]!, timeline[0]!, timeline[2]!]));
    fixture.detectChanges();
    expect(text(byTestId('timeline-status'))).toBe('Saved');
    expect(text(byTestId('timeline-total'))).toBe('0:30');
  });

  it('takes a clip off the timeline and offers it again; adds one back', () => {
    const timeline = ['a', 'b'].map((id) => makeTimelineClip({ id, title: id.toUpperCase() }));
    create({ timeline, clips: [makeClip({ id: 'a' }), makeClip({ id: 'b', title: 'B' })] });
    expect(text(byTestId('timeline-available-empty'))).toBe('Every ready clip is on the timeline.');
    click(all('timeline-card')[1]!.querySelector('[data-testid="timeline-remove"]'));
    expect(cardIds()).toEqual(['a']);
    expectPut(TIMELINE_URL).flush(timelineOf([timeline[0]!]));
    fixture.detectChanges();
    expect(all('timeline-available-clip').map((c) => c.getAttribute('data-clip-id'))).toEqual([
      'b',
    ]);
    click(byTestId('timeline-add'));
    expect(cardIds()).toEqual(['a', 'b']);
    const put = expectPut(TIMELINE_URL);
    expect(put.request.body).toEqual({ clipIds: ['a', 'b'] });
    put.flush(timelineOf(timeline));
  });

  it('adds all ready clips not yet on it, read afresh, in the order they were added', () => {
    create({ timeline: [makeTimelineClip({ id: 'b' })], clips: [] });
    expect(text(byTestId('timeline-available-empty'))).toContain('no clips yet');
    click(byTestId('timeline-add-all'));
    http.expectOne({ method: 'GET', url: CLIPS_URL }).flush({
      items: [
        makeClip({ id: 'a', durationSeconds: 45 }),
        makeClip({ id: 'b' }),
        makeQueuedClip({ id: 'q' }),
        makeClip({ id: 'c' }),
      ],
    });
    fixture.detectChanges();
    expect(cardIds()).toEqual(['b', 'a', 'c']);
    // Shown at once, cut to the project's longest clip.
    expect(text(all('timeline-card')[1]!.querySelector('[data-testid="timeline-card-cut"]'))).toBe(
      'plays 0:30',
    );
    const put = expectPut(TIMELINE_URL);
    expect(put.request.body).toEqual({ clipIds: ['b', 'a', 'c'] });
    put.flush(timelineOf(['b', 'a', 'c'].map((id) => makeTimelineClip({ id }))));
  });

  it('says why an order was refused and shows the server’s timeline again', () => {
    const timeline = ['a', 'b'].map((id) => makeTimelineClip({ id }));
    create({ timeline, clips: [makeClip({ id: 'a', title: 'Alpha' }), makeClip({ id: 'b' })] });
    click(all('timeline-card')[1]!.querySelector('[data-testid="timeline-move-up"]'));
    expectPut(TIMELINE_URL).flush(
      {
        statusCode: 400,
        message: 'The timeline was not changed',
        refused: [{ clipId: 'a', reason: 'not-ready', message: 'The clip is failed' }],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();
    expect(text(byTestId('timeline-error'))).toBe(
      'The order was not saved: “Alpha”: The clip is failed',
    );
    http.expectOne({ method: 'GET', url: TIMELINE_URL }).flush(timelineOf([timeline[1]!]));
    http.expectOne({ method: 'GET', url: CLIPS_URL }).flush({ items: [] });
    fixture.detectChanges();
    expect(cardIds()).toEqual(['b']);
  });

  it('shows a load error and tries again', () => {
    fixture = TestBed.createComponent(ArrangeStep);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('projectId', 'p1');
    fixture.detectChanges();
    http
      .expectOne(ARRANGEMENT_URL)
      .flush({ statusCode: 404, message: 'Project not found' }, { status: 404, statusText: 'x' });
    // forkJoin cancelled the other reads.
    expect(http.match(() => true).every((req) => req.cancelled)).toBe(true);
    fixture.detectChanges();
    expect(text(byTestId('arrange-error'))).toContain('Project not found');
    click(byTestId('arrange-error')!.querySelector('button'));
    expect(http.match(() => true)).toHaveLength(6);
  });

  it('estimates with the bumpers alone once two clips are on the timeline', () => {
    create({
      timeline: [
        makeTimelineClip({ id: 'a', durationSeconds: 8, playSeconds: 8 }),
        makeTimelineClip({ id: 'b', durationSeconds: 8, playSeconds: 8 }),
        makeTimelineClip({ id: 'c', durationSeconds: 8, playSeconds: 7.4 }),
      ],
      clips: [makeClip({ id: 'a' }), makeClip({ id: 'b' }), makeClip({ id: 'c' })],
    });
    expect(text(byTestId('timeline-total'))).toBe('0:23');
    expect(text(byTestId('timeline-estimate'))).toBe('about 0:24 with the bumpers');
  });
});
