import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { makeUser } from '../../testing/fixtures';
import { authInterceptor } from './auth.interceptor';
import { AuthService } from './auth.service';

describe('authInterceptor', () => {
  let http: HttpTestingController;
  let client: HttpClient;
  let auth: AuthService;
  let router: Router;
  let navigate: jest.SpyInstance;

  const unauthorized = { statusCode: 401, message: 'Unauthorized' };
  const status401 = { status: 401, statusText: 'Unauthorized' };

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    client = TestBed.inject(HttpClient);
    auth = TestBed.inject(AuthService);
    router = TestBed.inject(Router);
    navigate = jest.spyOn(router, 'navigate').mockResolvedValue(true);
    jest.spyOn(router, 'url', 'get').mockReturnValue('/jobs/abc?x=1');
    auth.setUser(makeUser());
  });

  afterEach(() => http.verify());

  it('on a 401 from the API clears the user and goes to login with the current url', () => {
    let error: unknown;
    client.get('/api/jobs').subscribe({ error: (e: unknown) => (error = e) });
    http.expectOne('/api/jobs').flush(unauthorized, status401);

    expect(error).toBeDefined();
    expect(auth.user()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { returnUrl: '/jobs/abc?x=1' },
    });
  });

  it.each(['/api/auth/me', '/api/auth/login'])('leaves a 401 from %s to its caller', (url) => {
    client.get(url).subscribe({ error: () => undefined });
    http.expectOne(url).flush(unauthorized, status401);
    expect(navigate).not.toHaveBeenCalled();
    expect(auth.user()).not.toBeNull();
  });

  it('leaves a 401 from logout to the caller (it navigates anyway)', () => {
    client.post('/api/auth/logout', {}).subscribe({ error: () => undefined });
    http.expectOne('/api/auth/logout').flush(unauthorized, status401);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('treats a 401 from other auth calls as an ended session', () => {
    client.post('/api/auth/password', {}).subscribe({ error: () => undefined });
    http.expectOne('/api/auth/password').flush(unauthorized, status401);
    expect(navigate).toHaveBeenCalledTimes(1);
    expect(auth.user()).toBeNull();
  });

  it('ignores other errors (e.g. 403 for a wrong current password)', () => {
    client.get('/api/admin/users').subscribe({ error: () => undefined });
    http
      .expectOne('/api/admin/users')
      .flush({ statusCode: 403, message: 'Forbidden' }, { status: 403, statusText: 'Forbidden' });
    client.post('/api/auth/password', {}).subscribe({ error: () => undefined });
    http
      .expectOne('/api/auth/password')
      .flush(
        { statusCode: 403, message: 'The current password is wrong' },
        { status: 403, statusText: 'Forbidden' },
      );
    expect(navigate).not.toHaveBeenCalled();
    expect(auth.user()).not.toBeNull();
  });

  it('does not redirect to login from the login page itself', () => {
    jest.spyOn(router, 'url', 'get').mockReturnValue('/login?returnUrl=%2Fjobs');
    client.get('/api/jobs').subscribe({ error: () => undefined });
    http.expectOne('/api/jobs').flush(unauthorized, status401);
    expect(navigate).not.toHaveBeenCalled();
    expect(auth.user()).toBeNull();
  });
});
