import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { makeUser } from '../../../testing/fixtures';
import { AuthService } from '../../core/auth.service';
import { ThemeChoicePanel } from './theme-choice-panel';

describe('ThemeChoicePanel', () => {
  let fixture: ComponentFixture<ThemeChoicePanel>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let auth: AuthService;
  const radio = (value: string) =>
    el.querySelector(`[data-testid="theme-choice-${value}"]`) as HTMLInputElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [ThemeChoicePanel],
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    http = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthService);
    auth.setUser(makeUser({ themePreference: 'site' }));
    fixture = TestBed.createComponent(ThemeChoicePanel);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => http.verify());

  it('shows the current choice and saves a new one at once', () => {
    expect(radio('site').checked).toBe(true);
    radio('light').click();
    fixture.detectChanges();
    const patch = http.expectOne({ method: 'PATCH', url: '/api/auth/me' });
    expect(patch.request.body).toEqual({ themePreference: 'light' });
    patch.flush(makeUser({ themePreference: 'light' }));
    fixture.detectChanges();
    expect(auth.user()?.themePreference).toBe('light');
    expect(radio('light').checked).toBe(true);
  });

  it('says why a choice was not saved', () => {
    radio('dark').click();
    http
      .expectOne('/api/auth/me')
      .flush({ statusCode: 500, message: 'Boom' }, { status: 500, statusText: 'Error' });
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="theme-choice-error"]')?.textContent).toContain('Boom');
    expect(auth.user()?.themePreference).toBe('site');
  });
});
