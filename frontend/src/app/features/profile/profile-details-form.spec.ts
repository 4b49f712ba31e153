import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { makeUser, text, typeInto } from '../../../testing/fixtures';
import { AuthService } from '../../core/auth.service';
import { ProfileDetailsForm } from './profile-details-form';

describe('ProfileDetailsForm', () => {
  let fixture: ComponentFixture<ProfileDetailsForm>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const value = (id: string) => (byTestId(id) as HTMLInputElement).value;
  const save = () => {
    (byTestId('profile-save') as HTMLButtonElement).click();
    fixture.detectChanges();
  };

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ProfileDetailsForm],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    TestBed.inject(AuthService).setUser(
      makeUser({ email: 'alice@example.com', twitchUsername: 'alice_tv' }),
    );
    fixture = TestBed.createComponent(ProfileDetailsForm);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('starts from the current profile and saves only what changed', () => {
    expect(value('profile-email')).toBe('alice@example.com');
    expect(value('profile-twitch')).toBe('alice_tv');
    expect(value('profile-display-name')).toBe('');

    typeInto(byTestId('profile-display-name'), 'Alice');
    typeInto(byTestId('profile-twitch'), '  ');
    typeInto(byTestId('profile-discord'), '123456789012345678');
    save();

    const req = http.expectOne({ method: 'PATCH', url: '/api/auth/me' });
    expect(req.request.body).toEqual({
      displayName: 'Alice',
      twitchUsername: null,
      discordUserId: '123456789012345678',
    });
    req.flush(makeUser({ displayName: 'Alice', discordUserId: '123456789012345678' }));
    fixture.detectChanges();

    expect(text(byTestId('profile-saved'))).toBe('Profile saved.');
    expect(TestBed.inject(AuthService).user()?.displayName).toBe('Alice');

    typeInto(byTestId('profile-display-name'), 'Alice B');
    fixture.detectChanges();
    expect(byTestId('profile-saved')).toBeNull();
  });

  it('validates the email and shows server messages', () => {
    typeInto(byTestId('profile-email'), 'nope');
    save();
    http.expectNone('/api/auth/me');
    expect(text(el)).toContain('Email must be a valid email address.');

    typeInto(byTestId('profile-email'), 'taken@example.com');
    save();
    http
      .expectOne('/api/auth/me')
      .flush(
        { statusCode: 409, message: 'Email is already in use' },
        { status: 409, statusText: 'Conflict' },
      );
    fixture.detectChanges();
    expect(text(byTestId('profile-errors'))).toBe('Email is already in use');
  });
});
