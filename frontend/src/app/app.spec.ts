import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router, withComponentInputBinding } from '@angular/router';
import { RouterTestingHarness } from '@angular/router/testing';
import { text } from '../testing/fixtures';
import { App } from './app';
import { routes } from './app.routes';

describe('App routing and shell', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter(routes, withComponentInputBinding()),
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('renders the header with Status and Jobs links', async () => {
    const fixture = TestBed.createComponent(App);
    await fixture.whenStable();
    const links = Array.from(
      (fixture.nativeElement as HTMLElement).querySelectorAll('.main-nav a'),
    );
    expect(links.map((a) => [text(a), a.getAttribute('href')])).toEqual([
      ['Status', '/status'],
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

  it('binds the job id route parameter', async () => {
    const harness = await RouterTestingHarness.create('/jobs/abc');
    http
      .expectOne('/api/jobs/abc')
      .flush({ statusCode: 404, message: 'no' }, { status: 404, statusText: 'x' });
    harness.detectChanges();
    expect(
      text(harness.routeNativeElement?.querySelector('[data-testid="job-not-found"]')),
    ).toContain('abc');
  });

  it('binds the state query parameter on the jobs list', async () => {
    await RouterTestingHarness.create('/jobs?state=running');
    http.expectOne('/api/jobs?state=running&limit=20&offset=0').flush({ items: [], total: 0 });
  });

  it('shows a not-found page for unknown addresses', async () => {
    const harness = await RouterTestingHarness.create('/does/not/exist');
    expect(text(harness.routeNativeElement)).toContain('Page not found');
  });
});
