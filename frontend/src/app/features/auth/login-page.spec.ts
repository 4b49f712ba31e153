import { HttpHeaders, provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { makeUser, text, typeInto } from '../../../testing/fixtures';
import { AuthService } from '../../core/auth.service';
import { LoginPage } from './login-page';

describe('LoginPage', () => {
  let fixture: ComponentFixture<LoginPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let navigateByUrl: jest.SpyInstance;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);

  function create(inputs: Record<string, string> = {}, registrationOpen = true): void {
    fixture = TestBed.createComponent(LoginPage);
    el = fixture.nativeElement as HTMLElement;
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    fixture.detectChanges();
    http.expectOne('/api/auth/registration').flush({ open: registrationOpen });
    fixture.detectChanges();
  }

  function submit(login: string, password: string): void {
    typeInto(byTestId('login-login'), login);
    typeInto(byTestId('login-password'), password);
    (byTestId('login-submit') as HTMLButtonElement).click();
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [LoginPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
  });

  afterEach(() => http.verify());

  it('links to registration only while it is open', () => {
    create();
    expect(byTestId('login-register')?.querySelector('a')?.getAttribute('href')).toBe('/register');
    create({}, false);
    expect(byTestId('login-register')).toBeNull();
  });

  it('logs in and goes to the return url', () => {
    create({ returnUrl: '/jobs/abc' });
    submit('alice', 'correct horse battery');

    const req = http.expectOne('/api/auth/login');
    expect(req.request.body).toEqual({ login: 'alice', password: 'correct horse battery' });
    req.flush(makeUser());

    expect(TestBed.inject(AuthService).user()?.username).toBe('alice');
    expect(navigateByUrl).toHaveBeenCalledWith('/jobs/abc');
  });

  it('goes to projects without a (safe) return url', () => {
    create({ returnUrl: 'https://evil.example/' });
    submit('alice', 'pw');
    http.expectOne('/api/auth/login').flush(makeUser());
    expect(navigateByUrl).toHaveBeenCalledWith('/projects');
  });

  it('lands on projects after logging in with no return url at all', () => {
    create();
    submit('alice', 'pw');
    http.expectOne('/api/auth/login').flush(makeUser());
    expect(navigateByUrl).toHaveBeenCalledWith('/projects');
  });

  it('drops an old server error when the form is sent again, even empty', () => {
    create();
    submit('alice', 'wrong password');
    http
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, message: 'Invalid username/email or password' },
        { status: 401, statusText: 'Unauthorized' },
      );
    fixture.detectChanges();
    expect(byTestId('login-error')).not.toBeNull();

    typeInto(byTestId('login-login'), '');
    (byTestId('login-submit') as HTMLButtonElement).click();
    fixture.detectChanges();
    http.expectNone('/api/auth/login');
    expect(byTestId('login-error')).toBeNull();
    expect(text(el)).toContain('Username or email is required.');
    expect(text(el)).toContain('Password is required.');
  });

  it('drops an old server error as soon as a field is edited', () => {
    create();
    submit('alice', 'wrong password');
    http
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, message: 'Invalid username/email or password' },
        { status: 401, statusText: 'Unauthorized' },
      );
    fixture.detectChanges();
    expect(byTestId('login-error')).not.toBeNull();
    typeInto(byTestId('login-password'), 'another try');
    fixture.detectChanges();
    expect(byTestId('login-error')).toBeNull();
  });

  it('shows the server error', () => {
    create();
    submit('alice', 'wrong password');
    http
      .expectOne('/api/auth/login')
      .flush(
        { statusCode: 401, message: 'Invalid username/email or password' },
        { status: 401, statusText: 'Unauthorized' },
      );
    fixture.detectChanges();

    expect(text(byTestId('login-error'))).toBe('Invalid username/email or password');
    expect((byTestId('login-password') as HTMLInputElement).value).toBe('');
    expect((byTestId('login-login') as HTMLInputElement).value).toBe('alice');
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('explains rate limiting with the Retry-After delay', () => {
    create();
    submit('alice', 'again');
    http.expectOne('/api/auth/login').flush(
      { statusCode: 429, message: 'Too Many Requests' },
      {
        status: 429,
        statusText: 'Too Many Requests',
        headers: new HttpHeaders({ 'Retry-After': '42' }),
      },
    );
    fixture.detectChanges();
    expect(text(byTestId('login-error'))).toBe('Too many login attempts. Try again in 42 seconds.');
  });

  it('does not send an empty form', () => {
    create();
    (byTestId('login-submit') as HTMLButtonElement).click();
    fixture.detectChanges();
    http.expectNone('/api/auth/login');
    expect(text(el)).toContain('Username or email is required.');
    expect(text(el)).toContain('Password is required.');
  });

  it('shows a known notice and prefills the login', () => {
    create({ reason: 'registered', login: 'newbie' });
    expect(text(byTestId('login-message'))).toContain('Account created');
    expect((byTestId('login-login') as HTMLInputElement).value).toBe('newbie');
  });

  it('shows the password-changed notice but never arbitrary text', () => {
    create({ reason: 'password-changed' });
    expect(text(byTestId('login-message'))).toBe('Password changed; log in again');
    fixture.componentRef.setInput('reason', 'Call +1 555 to unlock');
    fixture.detectChanges();
    expect(byTestId('login-message')).toBeNull();
  });
});
