import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { makeTier } from '../../testing/tier-fixtures';
import { AdminTiersService } from './admin-tiers.service';

describe('AdminTiersService', () => {
  let service: AdminTiersService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(AdminTiersService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists, gets, creates, updates and deletes tiers', () => {
    const tiers: unknown[] = [];
    service.list().subscribe((list) => tiers.push(...list));
    http.expectOne({ method: 'GET', url: '/api/admin/tiers' }).flush([makeTier()]);
    expect(tiers).toHaveLength(1);

    service.get('t 1').subscribe();
    http.expectOne({ method: 'GET', url: '/api/admin/tiers/t%201' }).flush(makeTier());

    service.create({ name: 'Creator', storageLimitBytes: 5 }).subscribe();
    const post = http.expectOne({ method: 'POST', url: '/api/admin/tiers' });
    expect(post.request.body).toEqual({ name: 'Creator', storageLimitBytes: 5 });
    post.flush(makeTier({ name: 'Creator' }));

    service.update('t1', { maxFps: 60 }).subscribe();
    const patch = http.expectOne({ method: 'PATCH', url: '/api/admin/tiers/t1' });
    expect(patch.request.body).toEqual({ maxFps: 60 });
    patch.flush(makeTier({ maxFps: 60 }));

    let done = false;
    service.delete('t1').subscribe(() => (done = true));
    http
      .expectOne({ method: 'DELETE', url: '/api/admin/tiers/t1' })
      .flush(null, { status: 204, statusText: 'No Content' });
    expect(done).toBe(true);
  });
});
