import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { makeUser, text, typeInto } from '../../../testing/fixtures';
import { AuthService } from '../../core/auth.service';
import { RegisterPage } from './register-page';

describe('RegisterPage', () => {
  let fixture: ComponentFixture<RegisterPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let navigate: jest.SpyInstance;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);

  function fill(username: string, email: string, password: string): void {
    typeInto(byTestId('register-username'), username);
    typeInto(byTestId('register-email'), email);
    typeInto(byTestId('register-password'), password);
    (byTestId('register-submit') as HTMLButtonElement).click();
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [RegisterPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(RegisterPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/auth/registration').flush({ open: true });
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('says registration is closed, with no form, when REGISTRATION_OPEN=false', () => {
    const closed = TestBed.createComponent(RegisterPage);
    closed.detectChanges();
    http.expectOne('/api/auth/registration').flush({ open: false });
    closed.detectChanges();
    const page = closed.nativeElement as HTMLElement;
    expect(text(page.querySelector('[data-testid="register-closed"]'))).toContain(
      'Registration is closed',
    );
    expect(page.querySelector('[data-testid="register-form"]')).toBeNull();
    expect(byTestId('register-closed')).toBeNull();
  });

  it('registers, then sends the user to login with a notice and the username', () => {
    fill('bob', 'bob@example.com', 'a long password');
    const req = http.expectOne('/api/auth/register');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      username: 'bob',
      email: 'bob@example.com',
      password: 'a long password',
    });
    req.flush(makeUser({ username: 'bob' }), { status: 201, statusText: 'Created' });

    expect(navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { reason: 'registered', login: 'bob' },
    });
    expect(TestBed.inject(AuthService).user()).toBeNull();
  });

  it('shows every field message of a 400 under the form', () => {
    fill('bob', 'bob@example.com', 'a long password');
    http.expectOne('/api/auth/register').flush(
      {
        statusCode: 400,
        message: ['email must be an email', 'password is too weak'],
      },
      { status: 400, statusText: 'Bad Request' },
    );
    fixture.detectChanges();

    const items = Array.from(byTestId('register-errors')?.querySelectorAll('li') ?? []);
    expect(items.map((li) => text(li))).toEqual(['email must be an email', 'password is too weak']);
    expect(navigate).not.toHaveBeenCalled();
  });

  it('shows a conflict', () => {
    fill('bob', 'bob@example.com', 'a long password');
    http
      .expectOne('/api/auth/register')
      .flush(
        { statusCode: 409, message: 'Username is already taken' },
        { status: 409, statusText: 'Conflict' },
      );
    fixture.detectChanges();
    expect(text(byTestId('register-errors'))).toBe('Username is already taken');
  });

  it('checks the account rules before sending', () => {
    fill('b!', 'not-an-email', 'short');
    http.expectNone('/api/auth/register');
    expect(text(el)).toContain('Username: 3–32 characters');
    expect(text(el)).toContain('Email must be a valid email address.');
    expect(text(el)).toContain('Password must be at least 10 characters.');
  });
});
