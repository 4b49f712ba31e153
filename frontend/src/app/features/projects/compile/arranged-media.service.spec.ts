import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { makeMedia } from '../../../../testing/media-fixtures';
import { ArrangedMediaService, type ArrangedMedia } from './arranged-media.service';

describe('ArrangedMediaService', () => {
  let http: HttpTestingController;
  let service: ArrangedMediaService;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    service = TestBed.inject(ArrangedMediaService);
  });

  afterEach(() => http.verify());

  it('reads each chosen media once; one that is gone counts as not chosen', () => {
    let result: ArrangedMedia | undefined;
    service.load('p1').subscribe((value) => (result = value));
    http.expectOne('/api/projects/p1/arrangement').flush({
      introId: 'x',
      outroId: 'gone',
      transitionIds: ['t1', 'x', 't1'],
      randomizeTransitions: true,
    });
    http.expectOne('/api/media/x').flush(makeMedia({ id: 'x', durationSeconds: 4 }));
    http
      .expectOne('/api/media/gone')
      .flush({ statusCode: 404, message: 'no' }, { status: 404, statusText: 'Not Found' });
    http.expectOne('/api/media/t1').flush(makeMedia({ id: 't1', durationSeconds: null }));
    expect(result).toEqual({
      intro: { durationSeconds: 4 },
      outro: null,
      transitions: [{ durationSeconds: null }, { durationSeconds: 4 }, { durationSeconds: null }],
      randomize: true,
    });
  });

  it('asks for no media when nothing is chosen, and fails on other errors', () => {
    let result: ArrangedMedia | undefined;
    service.load('p1').subscribe((value) => (result = value));
    http.expectOne('/api/projects/p1/arrangement').flush({
      introId: null,
      outroId: null,
      transitionIds: [],
      randomizeTransitions: false,
    });
    expect(result).toEqual({ intro: null, outro: null, transitions: [], randomize: false });

    let failed = false;
    service.load('p1').subscribe({ error: () => (failed = true) });
    http.expectOne('/api/projects/p1/arrangement').flush({
      introId: 'i1',
      outroId: null,
      transitionIds: [],
      randomizeTransitions: false,
    });
    http
      .expectOne('/api/media/i1')
      .flush({ statusCode: 500, message: 'x' }, { status: 500, statusText: 'Error' });
    expect(failed).toBe(true);
  });
});
