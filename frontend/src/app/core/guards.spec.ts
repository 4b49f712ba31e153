import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { makeUser } from '../../testing/fixtures';
import { AuthService } from './auth.service';
import { adminGuard, authGuard, guestGuard } from './guards';

@Component({ template: 'page' })
class Page {}

describe('route guards', () => {
  let auth: AuthService;
  let http: HttpTestingController;
  const url = () => TestBed.inject(Router).url;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([
          { path: 'login', canActivate: [guestGuard], component: Page },
          { path: 'register', canActivate: [guestGuard], component: Page },
          { path: 'jobs', canActivate: [authGuard], component: Page },
          { path: 'jobs/:id', canActivate: [authGuard], component: Page },
          { path: 'projects', canActivate: [authGuard], component: Page },
          { path: 'admin/users', canActivate: [adminGuard], component: Page },
          { path: 'forbidden', component: Page },
          { path: 'status', component: Page },
        ]),
      ],
    });
    auth = TestBed.inject(AuthService);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  describe('anonymous', () => {
    beforeEach(() => auth.setUser(null));

    it('sends protected pages to login with a returnUrl', async () => {
      await RouterTestingHarness.create('/jobs/abc?tab=log');
      expect(url()).toBe('/login?returnUrl=%2Fjobs%2Fabc%3Ftab%3Dlog');
    });

    it('sends admin pages to login too', async () => {
      await RouterTestingHarness.create('/admin/users');
      expect(url()).toBe('/login?returnUrl=%2Fadmin%2Fusers');
    });

    it('lets them see login and register', async () => {
      const harness = await RouterTestingHarness.create('/register');
      expect(url()).toBe('/register');
      await harness.navigateByUrl('/login');
      expect(url()).toBe('/login');
    });
  });

  describe('a user', () => {
    beforeEach(() => auth.setUser(makeUser({ role: 'user' })));

    it('may open jobs', async () => {
      await RouterTestingHarness.create('/jobs');
      expect(url()).toBe('/jobs');
    });

    it('is forbidden from admin routes', async () => {
      await RouterTestingHarness.create('/admin/users');
      expect(url()).toBe('/forbidden');
    });

    it('is sent from login to projects', async () => {
      await RouterTestingHarness.create('/login');
      expect(url()).toBe('/projects');
    });
  });

  describe('an admin', () => {
    beforeEach(() => auth.setUser(makeUser({ role: 'admin' })));

    it('may open admin routes', async () => {
      await RouterTestingHarness.create('/admin/users');
      expect(url()).toBe('/admin/users');
    });
  });

  it('asks the API first when the session state is not known yet', async () => {
    const navigation = RouterTestingHarness.create('/jobs');
    let pending = http.match('/api/auth/me');
    for (let i = 0; pending.length === 0 && i < 50; i++) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      pending = http.match('/api/auth/me');
    }
    expect(pending).toHaveLength(1);
    pending[0].flush(makeUser());
    await navigation;
    expect(url()).toBe('/jobs');
  });
});
