import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import type { UserDto } from '@clippyfront/shared';
import { makeUser } from '../../testing/fixtures';
import { AuthService } from './auth.service';

describe('AuthService', () => {
  let auth: AuthService;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('starts logged out and unknown', () => {
    expect(auth.user()).toBeNull();
    expect(auth.isLoggedIn()).toBe(false);
    expect(auth.isAdmin()).toBe(false);
  });

  it('loadMe: a 401 means logged out', async () => {
    const result = auth.loadMe();
    http
      .expectOne('/api/auth/me')
      .flush({ statusCode: 401, message: 'Unauthorized' }, { status: 401, statusText: 'x' });
    await expect(result).resolves.toBeNull();
    expect(auth.user()).toBeNull();
    expect(auth.loadError()).toBeNull();
    // Known now: the guards do not ask again.
    await expect(auth.whenLoaded()).resolves.toBeNull();
    http.expectNone('/api/auth/me');
  });

  it('loadMe: a user means logged in', async () => {
    const result = auth.loadMe();
    http.expectOne('/api/auth/me').flush(makeUser({ username: 'bob', role: 'admin' }));
    await expect(result).resolves.toMatchObject({ username: 'bob' });
    expect(auth.user()?.username).toBe('bob');
    expect(auth.isLoggedIn()).toBe(true);
    expect(auth.isAdmin()).toBe(true);
  });

  it('loadMe: other errors do not reject, and the next whenLoaded asks again', async () => {
    const result = auth.loadMe();
    http.expectOne('/api/auth/me').error(new ProgressEvent('error'), { status: 0 });
    await expect(result).resolves.toBeNull();
    expect(auth.user()).toBeNull();
    expect(auth.loadError()).toMatch(/Cannot reach the ClippyFront API/);

    const again = auth.whenLoaded();
    http.expectOne('/api/auth/me').flush(makeUser());
    await expect(again).resolves.toMatchObject({ username: 'alice' });
    expect(auth.loadError()).toBeNull();
  });

  it('whenLoaded shares the request that is already running', async () => {
    const first = auth.loadMe();
    const second = auth.whenLoaded();
    http.expectOne('/api/auth/me').flush(makeUser());
    expect(await first).toEqual(await second);
  });

  it('login posts the credentials and sets the user', () => {
    let result: UserDto | undefined;
    auth.login({ login: 'alice', password: 'correct horse' }).subscribe((u) => (result = u));
    const req = http.expectOne('/api/auth/login');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({ login: 'alice', password: 'correct horse' });
    req.flush(makeUser());
    expect(result?.username).toBe('alice');
    expect(auth.user()?.username).toBe('alice');
    expect(auth.isAdmin()).toBe(false);
  });

  it('a failed login leaves the user logged out', () => {
    auth.login({ login: 'alice', password: 'nope' }).subscribe({ error: () => undefined });
    http
      .expectOne('/api/auth/login')
      .flush({ statusCode: 401, message: 'Invalid' }, { status: 401, statusText: 'x' });
    expect(auth.user()).toBeNull();
  });

  it('logout clears the user, even when the API fails', () => {
    auth.setUser(makeUser());
    let done = false;
    auth.logout().subscribe({ complete: () => (done = true) });
    const req = http.expectOne('/api/auth/logout');
    expect(req.request.method).toBe('POST');
    req.flush({ statusCode: 500, message: 'x' }, { status: 500, statusText: 'x' });
    expect(done).toBe(true);
    expect(auth.user()).toBeNull();
  });

  it('register posts and does not log in', () => {
    auth
      .register({ username: 'bob', email: 'bob@example.com', password: 'long enough!' })
      .subscribe();
    const req = http.expectOne('/api/auth/register');
    expect(req.request.method).toBe('POST');
    req.flush(makeUser({ username: 'bob' }), { status: 201, statusText: 'Created' });
    expect(auth.user()).toBeNull();
  });

  it('reads whether registration is open, and assumes it is when that cannot be read', () => {
    const answers: boolean[] = [];
    auth.registrationOpen().subscribe((open) => answers.push(open));
    http.expectOne('/api/auth/registration').flush({ open: false });
    auth.registrationOpen().subscribe((open) => answers.push(open));
    http
      .expectOne('/api/auth/registration')
      .flush({ statusCode: 502, message: 'x' }, { status: 502, statusText: 'Bad Gateway' });
    expect(answers).toEqual([false, true]);
  });

  it('updateProfile patches /me and keeps the answer', () => {
    auth.setUser(makeUser());
    auth.updateProfile({ displayName: 'Alice A.' }).subscribe();
    const req = http.expectOne('/api/auth/me');
    expect(req.request.method).toBe('PATCH');
    expect(req.request.body).toEqual({ displayName: 'Alice A.' });
    req.flush(makeUser({ displayName: 'Alice A.' }));
    expect(auth.user()?.displayName).toBe('Alice A.');
  });

  it('changePassword forgets the user (every session ended)', () => {
    auth.setUser(makeUser());
    auth.changePassword({ current: 'old password', next: 'new password!' }).subscribe();
    const req = http.expectOne('/api/auth/password');
    expect(req.request.body).toEqual({ current: 'old password', next: 'new password!' });
    req.flush(null, { status: 204, statusText: 'No Content' });
    expect(auth.user()).toBeNull();
  });
});
