import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { TierDto } from '@clippyfront/shared';
import { choose, makeUser, text, typeInto } from '../../../testing/fixtures';
import { AdminUserCreatePage } from './admin-user-create-page';

const tier = (id: string, name: string, active = true) => ({ id, name, active }) as TierDto;

describe('AdminUserCreatePage', () => {
  let fixture: ComponentFixture<AdminUserCreatePage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let navigate: jest.SpyInstance;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  function fill(username: string, email: string, password: string): void {
    typeInto(byTestId('new-user-username'), username);
    typeInto(byTestId('new-user-email'), email);
    typeInto(byTestId('new-user-password'), password);
  }
  const submit = () => {
    (byTestId('new-user-submit') as HTMLButtonElement).click();
    fixture.detectChanges();
  };

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AdminUserCreatePage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    fixture = TestBed.createComponent(AdminUserCreatePage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http
      .expectOne('/api/admin/tiers')
      .flush([tier('t-free', 'Free'), tier('t-pro', 'Pro'), tier('t-old', 'Old', false)]);
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('offers the default tier, no tier and the active tiers', () => {
    const options = Array.from(
      (byTestId('new-user-tier') as HTMLSelectElement).options,
      (option) => option.text,
    );
    expect(options).toEqual(['Default tier', 'No tier', 'Free', 'Pro']);
  });

  it('creates the user with role, tier and watermark, then opens them', () => {
    fill('editor_1', ' editor@example.com ', 'a long password');
    choose(byTestId('new-user-role'), 'admin');
    choose(byTestId('new-user-tier'), 't-pro');
    choose(byTestId('new-user-watermark'), 'never');
    submit();
    const req = http.expectOne('/api/admin/users');
    expect(req.request.method).toBe('POST');
    expect(req.request.body).toEqual({
      username: 'editor_1',
      email: 'editor@example.com',
      password: 'a long password',
      role: 'admin',
      tierId: 't-pro',
      watermarkOverride: 'never',
    });
    req.flush(makeUser({ id: 'new-id', username: 'editor_1' }), {
      status: 201,
      statusText: 'Created',
    });
    expect(navigate).toHaveBeenCalledWith(['/admin/users', 'new-id']);
  });

  it('leaves the tier to the API by default, sends null for "No tier"', () => {
    fill('editor_2', 'e2@example.com', 'a long password');
    submit();
    const first = http.expectOne('/api/admin/users');
    expect(first.request.body).not.toHaveProperty('tierId');
    first.flush({ statusCode: 409, message: 'taken' }, { status: 409, statusText: 'Conflict' });
    fixture.detectChanges();
    choose(byTestId('new-user-tier'), '');
    submit();
    expect(http.expectOne('/api/admin/users').request.body).toMatchObject({ tierId: null });
  });

  it('checks the fields before sending and shows a 409', () => {
    fill('x', 'nope', 'short');
    submit();
    http.expectNone('/api/admin/users');
    expect(text(el)).toContain('Username');

    fill('taken_one', 'taken@example.com', 'a long password');
    submit();
    http
      .expectOne('/api/admin/users')
      .flush(
        { statusCode: 409, message: 'That username is already taken' },
        { status: 409, statusText: 'Conflict' },
      );
    fixture.detectChanges();
    expect(text(byTestId('new-user-errors'))).toContain('That username is already taken');
    expect(navigate).not.toHaveBeenCalled();
  });
});
