import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { DOCUMENT } from '@angular/common';
import { TestBed } from '@angular/core/testing';
import { makeUser } from '../../testing/fixtures';
import { AuthService } from './auth.service';
import { THEME_LINK_ID, ThemeStylesheetService } from './theme-stylesheet.service';

describe('ThemeStylesheetService', () => {
  let auth: AuthService;
  let service: ThemeStylesheetService;
  const link = () => TestBed.inject(DOCUMENT).getElementById(THEME_LINK_ID) as HTMLLinkElement;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    auth = TestBed.inject(AuthService);
    service = TestBed.inject(ThemeStylesheetService);
  });

  afterEach(() => link()?.remove());

  it('links /theme.css (adding the link when index.html has none)', () => {
    TestBed.tick();
    expect(link().rel).toBe('stylesheet');
    expect(link().getAttribute('href')).toBe('/theme.css');
    expect(TestBed.inject(DOCUMENT).querySelectorAll(`#${THEME_LINK_ID}`)).toHaveLength(1);
  });

  it("follows the user's choice: the built-in light or dark palette, or the site theme", () => {
    auth.setUser(makeUser({ themePreference: 'light' }));
    TestBed.tick();
    expect(link().getAttribute('href')).toBe('/theme.css?base=light');
    auth.setUser(makeUser({ themePreference: 'dark' }));
    TestBed.tick();
    expect(link().getAttribute('href')).toBe('/theme.css?base=dark');
    auth.clear();
    TestBed.tick();
    expect(link().getAttribute('href')).toBe('/theme.css');
  });

  it('reloads with a new URL, keeping the choice', () => {
    TestBed.tick();
    service.reload();
    TestBed.tick();
    expect(link().getAttribute('href')).toBe('/theme.css?v=1');
    auth.setUser(makeUser({ themePreference: 'light' }));
    service.reload();
    TestBed.tick();
    expect(link().getAttribute('href')).toBe('/theme.css?base=light&v=2');
  });
});
