import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { makeUser, text } from '../testing/fixtures';
import { App } from './app';
import { routes } from './app.routes';
import { AuthService } from './core/auth.service';

describe('App routing and shell', () => {
  let http: HttpTestingController;
  let auth: AuthService;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(routes, withComponentInputBinding()),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
  });

  afterEach(() => {
    // The shell asks whether registration is open while logged out.
    for (const request of http.match('/api/auth/registration')) {
      if (!request.cancelled) request.flush({ open: true });
    }
    http.verify();
  });

  it('renders the header with Status, Projects, Media, Automation and Jobs links', async () => {
    auth.setUser(makeUser());
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const links = Array.from(
      (fixture.nativeElement as HTMLElement).querySelectorAll('.main-nav a'),
    );
    expect(links.map((a) => [text(a), a.getAttribute('href')])).toEqual([
      ['Status', '/status'],
      ['Projects', '/projects'],
      ['Media', '/media'],
      ['Automation', '/automation'],
      ['Jobs', '/jobs'],
    ]);
  });

  it('redirects the root to the status page', async () => {
    const harness = await RouterTestingHarness.create('/');
    expect(TestBed.inject(Router).url).toBe('/status');
    http
      .expectOne('/api/health')
      .flush({ statusCode: 500, message: 'x' }, { status: 500, statusText: 'x' });
    harness.detectChanges();
    expect(
      harness.routeNativeElement?.querySelector('[data-testid="health-error"]'),
    ).not.toBeNull();
  });

  it('shows only public links to anonymous visitors', async () => {
    auth.setUser(null);
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    expect(Array.from(el.querySelectorAll('.main-nav a')).map((a) => text(a))).toEqual(['Status']);
    expect(el.querySelector('[data-testid="nav-login"]')).not.toBeNull();
  });

  it('sends anonymous visitors of jobs to the login page', async () => {
    auth.setUser(null);
    const harness = await RouterTestingHarness.create('/jobs/abc');
    expect(TestBed.inject(Router).url).toBe('/login?returnUrl=%2Fjobs%2Fabc');
    expect(harness.routeNativeElement?.querySelector('[data-testid="login-form"]')).not.toBeNull();
    http.expectOne('/api/auth/registration').flush({ open: true });
  });

  it('shows the forbidden page to users who open admin pages', async () => {
    auth.setUser(makeUser({ role: 'user' }));
    const harness = await RouterTestingHarness.create('/admin');
    expect(TestBed.inject(Router).url).toBe('/forbidden');
    expect(text(harness.routeNativeElement?.querySelector('[data-testid="forbidden"]'))).toContain(
      '403 — admins only',
    );
  });

  it('opens the users list for admins', async () => {
    auth.setUser(makeUser({ role: 'admin' }));
    await RouterTestingHarness.create('/admin');
    expect(TestBed.inject(Router).url).toBe('/admin/users');
    http.expectOne('/api/admin/users?limit=20&offset=0').flush({ items: [], total: 0 });
  });

  it('binds the job id route parameter', async () => {
    auth.setUser(makeUser());
    const harness = await RouterTestingHarness.create('/jobs/abc');
    http
      .expectOne('/api/jobs/abc')
      .flush({ statusCode: 404, message: 'no' }, { status: 404, statusText: 'x' });
    harness.detectChanges();
    expect(
      text(harness.routeNativeElement?.querySelector('[data-testid="job-not-found"]')),
    ).toContain('abc');
  });

  it('sends anonymous visitors of projects to the login page', async () => {
    auth.setUser(null);
    await RouterTestingHarness.create('/projects/p1');
    expect(TestBed.inject(Router).url).toBe('/login?returnUrl=%2Fprojects%2Fp1');
    http.expectOne('/api/auth/registration').flush({ open: true });
  });

  it('opens the projects list', async () => {
    auth.setUser(makeUser());
    const harness = await RouterTestingHarness.create('/projects');
    http.expectOne('/api/projects?limit=20&offset=0').flush({ items: [], total: 0 });
    harness.detectChanges();
    expect(
      harness.routeNativeElement?.querySelector('[data-testid="projects-empty"]'),
    ).not.toBeNull();
  });

  it('binds the project id route parameter', async () => {
    auth.setUser(makeUser());
    const harness = await RouterTestingHarness.create('/projects/p9');
    http
      .expectOne('/api/projects/p9')
      .flush({ statusCode: 404, message: 'no' }, { status: 404, statusText: 'x' });
    harness.detectChanges();
    expect(
      text(harness.routeNativeElement?.querySelector('[data-testid="project-not-found"]')),
    ).toContain('p9');
  });

  it('binds the state query parameter on the jobs list', async () => {
    auth.setUser(makeUser());
    await RouterTestingHarness.create('/jobs?state=running');
    http.expectOne('/api/jobs?state=running&limit=20&offset=0').flush({ items: [], total: 0 });
  });

  it('shows a not-found page for unknown addresses', async () => {
    const harness = await RouterTestingHarness.create('/does/not/exist');
    expect(text(harness.routeNativeElement)).toContain('Page not found');
  });
});
