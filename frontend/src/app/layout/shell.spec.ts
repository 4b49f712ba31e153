import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { makeUser, text } from '../../testing/fixtures';
import { AuthService } from '../core/auth.service';
import { isBarePage, Shell } from './shell';

describe('Shell navigation', () => {
  let fixture: ComponentFixture<Shell>;
  let http: HttpTestingController;
  let auth: AuthService;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const mainLinks = () =>
    Array.from(el.querySelectorAll('.main-nav a')).map((a) => [text(a), a.getAttribute('href')]);

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [Shell],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
  });

  function create(): void {
    fixture = TestBed.createComponent(Shell);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  afterEach(() => {
    // Asked whenever the shell is logged out; the answer matters only to the tests below.
    for (const request of http.match('/api/auth/registration')) {
      if (!request.cancelled) request.flush({ open: true });
    }
    http.verify();
  });

  it('logged out: Status, Log in and Register', () => {
    auth.setUser(null);
    create();
    expect(mainLinks()).toEqual([['Status', '/status']]);
    expect(byTestId('nav-login')?.getAttribute('href')).toBe('/login');
    expect(byTestId('nav-register')?.getAttribute('href')).toBe('/register');
    const memberOnly = [
      'nav-projects',
      'nav-media',
      'nav-jobs',
      'nav-admin',
      'nav-profile',
      'nav-logout',
      'nav-username',
    ];
    for (const id of memberOnly) {
      expect(byTestId(id)).toBeNull();
    }
  });

  it('logged out on a closed instance: no Register link', () => {
    auth.setUser(null);
    create();
    http.expectOne('/api/auth/registration').flush({ open: false });
    fixture.detectChanges();
    expect(byTestId('nav-login')).not.toBeNull();
    expect(byTestId('nav-register')).toBeNull();
  });

  it('hides the admin link from users (it is not rendered at all)', () => {
    auth.setUser(makeUser({ username: 'alice', role: 'user' }));
    create();
    expect(mainLinks()).toEqual([
      ['Status', '/status'],
      ['Projects', '/projects'],
      ['Media', '/media'],
      ['Automation', '/automation'],
      ['Jobs', '/jobs'],
    ]);
    expect(byTestId('nav-admin')).toBeNull();
    expect(el.innerHTML).not.toContain('/admin');
    expect(text(byTestId('nav-username'))).toBe('alice');
    expect(byTestId('nav-profile')?.getAttribute('href')).toBe('/profile');
    expect(byTestId('nav-login')).toBeNull();
    expect(byTestId('nav-register')).toBeNull();
  });

  it('shows the admin link to admins', () => {
    auth.setUser(makeUser({ role: 'admin' }));
    create();
    expect(byTestId('nav-admin')?.getAttribute('href')).toBe('/admin/users');
    expect(byTestId('nav-jobs')?.getAttribute('href')).toBe('/jobs');
  });

  it('follows the login state as it changes', () => {
    auth.setUser(null);
    create();
    auth.setUser(makeUser({ role: 'admin' }));
    fixture.detectChanges();
    expect(byTestId('nav-admin')).not.toBeNull();
    auth.clear();
    fixture.detectChanges();
    expect(byTestId('nav-admin')).toBeNull();
    expect(byTestId('nav-login')).not.toBeNull();
  });

  it('logs out and goes to the login page', () => {
    const navigateByUrl = jest
      .spyOn(TestBed.inject(Router), 'navigateByUrl')
      .mockResolvedValue(true);
    auth.setUser(makeUser());
    create();
    (byTestId('nav-logout') as HTMLButtonElement).click();
    http
      .expectOne({ method: 'POST', url: '/api/auth/logout' })
      .flush(null, { status: 204, statusText: 'No Content' });
    fixture.detectChanges();
    expect(auth.user()).toBeNull();
    expect(navigateByUrl).toHaveBeenCalledWith('/login');
    expect(byTestId('nav-login')).not.toBeNull();
  });

  it('share pages show no header, navigation or footer (nothing of the visitor’s account)', async () => {
    auth.setUser(makeUser({ username: 'alice', role: 'admin' }));
    create();
    expect(byTestId('nav-username')).not.toBeNull();
    const router = TestBed.inject(Router);
    router.resetConfig([{ path: '**', children: [] }]);
    await router.navigateByUrl('/p/q3Jx0v9TtWm1b7rQy2A4kQ');
    fixture.detectChanges();
    expect(el.querySelector('header')).toBeNull();
    expect(el.querySelector('footer')).toBeNull();
    expect(byTestId('nav-username')).toBeNull();
    expect(el.querySelector('main')).not.toBeNull();
    expect(isBarePage('/p/abc')).toBe(true);
    expect(isBarePage('/projects/p1')).toBe(false);
    expect(isBarePage('/p/')).toBe(false);
  });
});
