import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { ArrangementDto, TimelineDto } from '@clippyfront/shared';
import { makeTimelineClip } from '../../../../testing/project-fixtures';
import { ArrangementService, refusedFromError } from './arrangement.service';

const arrangement: ArrangementDto = {
  introId: 'i1',
  outroId: null,
  transitionIds: ['t2', 't1'],
  randomizeTransitions: true,
};

describe('ArrangementService', () => {
  let service: ArrangementService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(ArrangementService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('reads and replaces the arrangement', () => {
    let read: ArrangementDto | undefined;
    service.arrangement('p 1').subscribe((a) => (read = a));
    const get = http.expectOne('/api/projects/p%201/arrangement');
    expect(get.request.method).toBe('GET');
    get.flush(arrangement);
    expect(read).toEqual(arrangement);

    service.saveArrangement('p1', arrangement).subscribe();
    const put = http.expectOne('/api/projects/p1/arrangement');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual(arrangement);
    put.flush(arrangement);
  });

  it('reads the timeline and sends the exact order', () => {
    const timeline: TimelineDto = {
      items: [makeTimelineClip({ id: 'b' }), makeTimelineClip({ id: 'a' })],
      totalSeconds: 55.2,
      maxClipSeconds: 30,
    };
    let ids: string[] = [];
    service.timeline('p1').subscribe((t) => (ids = t.items.map((i) => i.id)));
    http.expectOne({ method: 'GET', url: '/api/projects/p1/timeline' }).flush(timeline);
    expect(ids).toEqual(['b', 'a']);

    const order = ['a', 'b'] as const;
    service.saveTimeline('p1', order).subscribe();
    const put = http.expectOne({ method: 'PUT', url: '/api/projects/p1/timeline' });
    expect(put.request.body).toEqual({ clipIds: ['a', 'b'] });
    put.flush(timeline);
  });

  it('reads the refused ids of a 400, and nothing from other errors', () => {
    const refused = new HttpErrorResponse({
      status: 400,
      error: {
        statusCode: 400,
        message: 'The timeline was not changed',
        refused: [
          { clipId: 'a', reason: 'not-ready', message: 'The clip is downloading' },
          { clipId: 'b', reason: 'odd' },
          { nonsense: true },
        ],
      },
    });
    expect(refusedFromError(refused)).toEqual([
      { clipId: 'a', reason: 'not-ready', message: 'The clip is downloading' },
      { clipId: 'b', reason: 'not-in-project', message: 'not-in-project' },
    ]);
    expect(
      refusedFromError(new HttpErrorResponse({ status: 400, error: { message: 'x' } })),
    ).toBeNull();
    expect(refusedFromError(new HttpErrorResponse({ status: 404, error: {} }))).toBeNull();
    expect(refusedFromError(new Error('x'))).toBeNull();
  });
});
