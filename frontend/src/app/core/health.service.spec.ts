import { HttpErrorResponse, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { HealthAnswer } from '@clippyfront/shared';
import { makeHealth } from '../../testing/fixtures';
import { HealthService } from './health.service';

describe('HealthService', () => {
  let service: HealthService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(HealthService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('reads /api/health', () => {
    let result: HealthAnswer | undefined;
    service.get().subscribe((h) => (result = h));
    const req = http.expectOne('/api/health');
    expect(req.request.method).toBe('GET');
    req.flush(makeHealth({ version: '9.9.9' }));
    expect(result?.detailed && result.version).toBe('9.9.9');
  });

  it('treats a 503 that carries a health body as a (degraded) report', () => {
    let result: HealthAnswer | undefined;
    service.get().subscribe((h) => (result = h));
    http.expectOne('/api/health').flush(
      {
        status: 'degraded',
        detailed: false,
        database: { status: 'down' },
        redis: { status: 'up' },
      },
      { status: 503, statusText: 'Unavailable' },
    );
    expect(result?.status).toBe('degraded');
  });

  it('passes other errors through', () => {
    let error: unknown;
    service.get().subscribe({ error: (e: unknown) => (error = e) });
    http
      .expectOne('/api/health')
      .flush({ statusCode: 500, message: 'boom' }, { status: 500, statusText: 'Server Error' });
    expect(error).toBeInstanceOf(HttpErrorResponse);
    expect((error as HttpErrorResponse).status).toBe(500);
  });
});
