import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { makeUser } from '../../testing/fixtures';
import { AdminUsersService } from './admin-users.service';

describe('AdminUsersService', () => {
  let service: AdminUsersService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(AdminUsersService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('passes search, limit and offset, and omits a blank search', () => {
    service.list({ search: ' bob ', limit: 20, offset: 40 }).subscribe();
    http.expectOne('/api/admin/users?search=bob&limit=20&offset=40').flush({ items: [], total: 0 });
    service.list({ search: '  ', limit: 20 }).subscribe();
    http.expectOne('/api/admin/users?limit=20').flush({ items: [], total: 0 });
  });

  it('gets, updates and deletes one user', () => {
    service.get('u1').subscribe();
    http.expectOne({ method: 'GET', url: '/api/admin/users/u1' }).flush(makeUser());
    service.update('u1', { role: 'admin' }).subscribe();
    const patch = http.expectOne({ method: 'PATCH', url: '/api/admin/users/u1' });
    expect(patch.request.body).toEqual({ role: 'admin' });
    patch.flush(makeUser({ role: 'admin' }));
    service.delete('u1').subscribe();
    http
      .expectOne({ method: 'DELETE', url: '/api/admin/users/u1' })
      .flush(null, { status: 204, statusText: 'No Content' });
  });
});
