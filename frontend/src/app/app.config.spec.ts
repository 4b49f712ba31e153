import { HttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ApplicationInitStatus } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { makeUser } from '../testing/fixtures';
import { appConfig } from './app.config';
import { AuthService } from './core/auth.service';

describe('appConfig', () => {
  let http: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [...appConfig.providers, provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    // The app initializer asks who is logged in before anything else happens.
    const init = TestBed.inject(ApplicationInitStatus).donePromise;
    http.expectOne('/api/auth/me').flush(makeUser());
    await init;
    document.cookie = 'XSRF-TOKEN=csrf-123; path=/';
  });

  afterEach(() => {
    document.cookie = 'XSRF-TOKEN=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/';
    http.verify();
  });

  it('loads the session at start-up', () => {
    expect(TestBed.inject(AuthService).user()?.username).toBe('alice');
  });

  it('sends the XSRF cookie as X-XSRF-TOKEN on unsafe same-origin requests only', () => {
    const client = TestBed.inject(HttpClient);
    client.post('/api/auth/tokens', { name: 'x' }).subscribe();
    client.get('/api/auth/tokens').subscribe();
    client.post('https://elsewhere.example/api', {}).subscribe();

    const post = http.expectOne({ method: 'POST', url: '/api/auth/tokens' });
    expect(post.request.headers.get('X-XSRF-TOKEN')).toBe('csrf-123');
    post.flush({});
    const get = http.expectOne({ method: 'GET', url: '/api/auth/tokens' });
    expect(get.request.headers.has('X-XSRF-TOKEN')).toBe(false);
    get.flush([]);
    const foreign = http.expectOne('https://elsewhere.example/api');
    expect(foreign.request.headers.has('X-XSRF-TOKEN')).toBe(false);
    foreign.flush({});
  });

  it('wires the 401 interceptor', () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    TestBed.inject(HttpClient)
      .get('/api/jobs')
      .subscribe({ error: () => undefined });
    http
      .expectOne('/api/jobs')
      .flush({ statusCode: 401, message: 'x' }, { status: 401, statusText: 'Unauthorized' });
    expect(TestBed.inject(AuthService).user()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], expect.anything());
  });
});
