import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { makeUser, text, typeInto } from '../../../testing/fixtures';
import { AuthService } from '../../core/auth.service';
import { ChangePasswordForm } from './change-password-form';

describe('ChangePasswordForm', () => {
  let fixture: ComponentFixture<ChangePasswordForm>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let navigate: jest.SpyInstance;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ChangePasswordForm],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    TestBed.inject(AuthService).setUser(makeUser());
    fixture = TestBed.createComponent(ChangePasswordForm);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    typeInto(byTestId('password-current'), 'old password');
    typeInto(byTestId('password-next'), 'a brand new password');
    (byTestId('password-submit') as HTMLButtonElement).click();
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('sends the user to log in again with a notice', () => {
    const req = http.expectOne('/api/auth/password');
    expect(req.request.body).toEqual({ current: 'old password', next: 'a brand new password' });
    req.flush(null, { status: 204, statusText: 'No Content' });

    expect(TestBed.inject(AuthService).user()).toBeNull();
    expect(navigate).toHaveBeenCalledWith(['/login'], {
      queryParams: { reason: 'password-changed' },
    });
  });

  it('shows why the change was refused', () => {
    http
      .expectOne('/api/auth/password')
      .flush(
        { statusCode: 403, message: 'The current password is wrong' },
        { status: 403, statusText: 'Forbidden' },
      );
    fixture.detectChanges();
    expect(text(byTestId('password-errors'))).toBe('The current password is wrong');
    expect(navigate).not.toHaveBeenCalled();
    expect(TestBed.inject(AuthService).user()).not.toBeNull();
  });
});
