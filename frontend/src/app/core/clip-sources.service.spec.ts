import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { makeHealth } from '../../testing/fixtures';
import { ClipSourcesService } from './clip-sources.service';

describe('ClipSourcesService', () => {
  let service: ClipSourcesService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(ClipSourcesService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('reads the allowed sources from /api/health once', () => {
    expect(service.sources()).toBeNull();
    service.load();
    service.load();
    http.expectOne('/api/health').flush(makeHealth({ clipSources: { external: true } }));
    expect(service.sources()).toEqual({ external: true });
    service.load();
    http.expectNone('/api/health');
  });

  it('stays unknown when the server does not say, and asks again after an error', () => {
    service.load();
    http
      .expectOne('/api/health')
      .flush({ statusCode: 500, message: 'boom' }, { status: 500, statusText: 'Error' });
    expect(service.sources()).toBeNull();
    service.load();
    http.expectOne('/api/health').flush({
      status: 'ok',
      detailed: false,
      database: { status: 'up' },
      redis: { status: 'up' },
    });
    expect(service.sources()).toBeNull();
  });
});
