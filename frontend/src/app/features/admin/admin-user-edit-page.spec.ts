import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { TierDto, UserDto } from '@clippyfront/shared';
import { choose, makeUser, text, typeInto } from '../../../testing/fixtures';
import { AuthService } from '../../core/auth.service';
import { AdminUserEditPage } from './admin-user-edit-page';

describe('AdminUserEditPage', () => {
  let fixture: ComponentFixture<AdminUserEditPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let navigateByUrl: jest.SpyInstance;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const click = (id: string) => {
    (byTestId(id) as HTMLButtonElement).click();
    fixture.detectChanges();
  };
  const bob = makeUser({ id: 'u2', username: 'bob', email: 'bob@example.com', tierId: 'pro' });
  const tier = (id: string, name: string, active = true) => ({ id, name, active }) as TierDto;
  const TIERS = [tier('free', 'Free'), tier('pro', 'Pro'), tier('old', 'Legacy', false)];

  function open(user: UserDto): void {
    fixture = TestBed.createComponent(AdminUserEditPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', user.id);
    fixture.detectChanges();
    http.expectOne('/api/admin/tiers').flush(TIERS);
    http.expectOne(`/api/admin/users/${user.id}`).flush(user);
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AdminUserEditPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    TestBed.inject(AuthService).setUser(makeUser({ id: 'me', username: 'root', role: 'admin' }));
  });

  afterEach(() => http.verify());

  it('fills the form and saves the changed fields', () => {
    open(bob);
    expect((byTestId('admin-email') as HTMLInputElement).value).toBe('bob@example.com');
    expect((byTestId('admin-role') as HTMLSelectElement).value).toBe('user');
    expect((byTestId('admin-active') as HTMLInputElement).checked).toBe(true);
    expect((byTestId('admin-tier') as HTMLSelectElement).value).toBe('pro');
    // Picked from the list by name; inactive tiers are not offered.
    const options = [...(byTestId('admin-tier') as HTMLSelectElement).options].map((o) => o.text);
    expect(options).toEqual(['No tier', 'Free', 'Pro']);

    choose(byTestId('admin-role'), 'admin');
    (byTestId('admin-active') as HTMLInputElement).click();
    choose(byTestId('admin-watermark'), 'never');
    choose(byTestId('admin-tier'), '');
    typeInto(byTestId('admin-password'), 'a new long password');
    click('admin-save');

    const req = http.expectOne({ method: 'PATCH', url: '/api/admin/users/u2' });
    expect(req.request.body).toEqual({
      role: 'admin',
      isActive: false,
      watermarkOverride: 'never',
      tierId: null,
      password: 'a new long password',
    });
    req.flush({ ...bob, role: 'admin', isActive: false, watermarkOverride: 'never', tierId: null });
    fixture.detectChanges();

    expect(text(byTestId('admin-saved'))).toBe('Saved.');
    expect((byTestId('admin-password') as HTMLInputElement).value).toBe('');
  });

  it('shows the conflict when the change would leave no admin', () => {
    open(makeUser({ id: 'a2', username: 'boss', role: 'admin' }));
    choose(byTestId('admin-role'), 'user');
    click('admin-save');
    http
      .expectOne('/api/admin/users/a2')
      .flush(
        { statusCode: 409, message: 'At least one active admin must remain' },
        { status: 409, statusText: 'Conflict' },
      );
    fixture.detectChanges();
    expect(text(byTestId('admin-errors'))).toBe('At least one active admin must remain');
  });

  it('rejects a too short reset password before sending', () => {
    open(bob);
    typeInto(byTestId('admin-password'), 'short');
    click('admin-save');
    http.expectNone({ method: 'PATCH' });
    expect(text(el)).toContain('Password must be at least 10 characters.');
  });

  it('deletes only after the username is typed', () => {
    open(bob);
    click('admin-delete');
    const confirm = () => byTestId('admin-delete-confirm') as HTMLButtonElement;
    expect(confirm().disabled).toBe(true);

    typeInto(byTestId('admin-delete-confirm-input'), 'bo');
    fixture.detectChanges();
    expect(confirm().disabled).toBe(true);
    confirm().click();
    http.expectNone({ method: 'DELETE' });

    typeInto(byTestId('admin-delete-confirm-input'), 'bob');
    fixture.detectChanges();
    expect(confirm().disabled).toBe(false);
    click('admin-delete-confirm');
    http
      .expectOne({ method: 'DELETE', url: '/api/admin/users/u2' })
      .flush(null, { status: 204, statusText: 'No Content' });
    expect(navigateByUrl).toHaveBeenCalledWith('/admin/users');
  });

  it('keeps the dialog open with the reason when deletion fails', () => {
    open(bob);
    click('admin-delete');
    typeInto(byTestId('admin-delete-confirm-input'), 'bob');
    fixture.detectChanges();
    click('admin-delete-confirm');
    http
      .expectOne({ method: 'DELETE', url: '/api/admin/users/u2' })
      .flush({ statusCode: 409, message: 'Last admin' }, { status: 409, statusText: 'Conflict' });
    fixture.detectChanges();
    expect(text(byTestId('admin-delete-error'))).toBe('Last admin');
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('says so when the user does not exist', () => {
    fixture = TestBed.createComponent(AdminUserEditPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', 'gone');
    fixture.detectChanges();
    http.expectOne('/api/admin/tiers').flush(TIERS);
    http
      .expectOne('/api/admin/users/gone')
      .flush({ statusCode: 404, message: 'Not found' }, { status: 404, statusText: 'Not Found' });
    fixture.detectChanges();
    expect(byTestId('admin-user-not-found')).not.toBeNull();
  });

  it('keeps an inactive or unlisted tier the user already has, by name', () => {
    open(makeUser({ id: 'u3', username: 'old', tierId: 'old' }));
    const select = byTestId('admin-tier') as HTMLSelectElement;
    expect(select.value).toBe('old');
    expect(select.selectedOptions[0]!.text).toBe('Legacy (inactive)');
    click('admin-save');
    http.expectNone({ method: 'PATCH', url: '/api/admin/users/u3' });
  });
});
