import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { makeTheme } from '../../testing/theme-fixtures';
import { AdminThemesService } from './admin-themes.service';

describe('AdminThemesService', () => {
  let service: AdminThemesService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    service = TestBed.inject(AdminThemesService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('lists, gets, creates, updates, activates, duplicates and deletes themes', () => {
    const themes: unknown[] = [];
    service.list().subscribe((list) => themes.push(...list));
    http.expectOne({ method: 'GET', url: '/api/admin/themes' }).flush([makeTheme()]);
    expect(themes).toHaveLength(1);

    service.get('t 1').subscribe();
    http.expectOne({ method: 'GET', url: '/api/admin/themes/t%201' }).flush(makeTheme());

    service.create({ name: 'Sunset', primary: '#ff5500' }).subscribe();
    const post = http.expectOne({ method: 'POST', url: '/api/admin/themes' });
    expect(post.request.body).toEqual({ name: 'Sunset', primary: '#ff5500' });
    post.flush(makeTheme({ name: 'Sunset' }));

    service.update('t1', { clip: '#123456' }).subscribe();
    const patch = http.expectOne({ method: 'PATCH', url: '/api/admin/themes/t1' });
    expect(patch.request.body).toEqual({ clip: '#123456' });
    patch.flush(makeTheme());

    service.activate('t1').subscribe();
    http.expectOne({ method: 'POST', url: '/api/admin/themes/t1/activate' }).flush(makeTheme());
    service.duplicate('t1').subscribe();
    http.expectOne({ method: 'POST', url: '/api/admin/themes/t1/duplicate' }).flush(makeTheme());

    let done = false;
    service.delete('t1').subscribe(() => (done = true));
    http
      .expectOne({ method: 'DELETE', url: '/api/admin/themes/t1' })
      .flush(null, { status: 204, statusText: 'No Content' });
    expect(done).toBe(true);
  });
});
