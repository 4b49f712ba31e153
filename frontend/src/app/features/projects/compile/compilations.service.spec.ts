import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { CompilationDto, CompilationListDto } from '@clippyfront/shared';
import { makeCompilation } from '../../../../testing/compile-fixtures';
import { CompilationsService } from './compilations.service';

describe('CompilationsService', () => {
  let service: CompilationsService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(CompilationsService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists the compilations of a project', () => {
    const list: CompilationListDto = { items: [makeCompilation({ id: 'b' }), makeCompilation()] };
    let read: CompilationListDto | undefined;
    service.list('p 1').subscribe((l) => (read = l));
    const get = http.expectOne('/api/projects/p%201/compilations');
    expect(get.request.method).toBe('GET');
    get.flush(list);
    expect(read).toEqual(list);
  });

  it('starts a compile with the chosen settings', () => {
    let started: CompilationDto | undefined;
    service
      .start('p1', { resolution: '720p', fps: 60, quality: 'small' })
      .subscribe((c) => (started = c));
    const post = http.expectOne('/api/projects/p1/compile');
    expect(post.request.method).toBe('POST');
    expect(post.request.body).toEqual({ resolution: '720p', fps: 60, quality: 'small' });
    post.flush(makeCompilation(), { status: 202, statusText: 'Accepted' });
    expect(started?.id).toBe('comp-1');
  });

  it('passes the API’s refusal on', () => {
    let error: unknown;
    service.start('p1', {}).subscribe({ error: (e: unknown) => (error = e) });
    http
      .expectOne('/api/projects/p1/compile')
      .flush(
        { statusCode: 400, message: 'The timeline is empty' },
        { status: 400, statusText: 'Bad Request' },
      );
    expect((error as { status: number }).status).toBe(400);
  });

  it('builds the chapter list’s address', () => {
    expect(service.chaptersUrl('p1', 'c/1')).toBe(
      '/api/projects/p1/compilations/c%2F1/chapters.txt',
    );
  });
});
