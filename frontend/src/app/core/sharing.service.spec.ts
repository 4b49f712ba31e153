import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { SharingService } from './sharing.service';

describe('SharingService', () => {
  let service: SharingService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(SharingService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('reads, switches and regenerates a project’s sharing', () => {
    service.get('p1').subscribe();
    expect(http.expectOne('/api/projects/p1/sharing').request.method).toBe('GET');
    service.setEnabled('p1', true).subscribe();
    const put = http.expectOne('/api/projects/p1/sharing');
    expect(put.request.method).toBe('PUT');
    expect(put.request.body).toEqual({ enabled: true });
    service.regenerate('p1').subscribe();
    expect(http.expectOne('/api/projects/p1/sharing/regenerate').request.method).toBe('POST');
  });

  it('reads the public page by its id, encoded', () => {
    service.publicProject('a/b').subscribe();
    expect(http.expectOne('/api/public/projects/a%2Fb').request.method).toBe('GET');
  });
});
