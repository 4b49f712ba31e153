import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { BUILT_IN_THEMES, type ThemeDto } from '@clippyfront/shared';
import { choose, text, typeInto } from '../../../testing/fixtures';
import { makeLightTheme, makeTheme } from '../../../testing/theme-fixtures';
import { ThemeStylesheetService } from '../../core/theme-stylesheet.service';
import { AdminThemeEditPage } from './admin-theme-edit-page';

describe('AdminThemeEditPage', () => {
  let fixture: ComponentFixture<AdminThemeEditPage>;
  let http: HttpTestingController;
  let el: HTMLElement;
  let navigateByUrl: jest.SpyInstance;
  let reload: jest.SpyInstance;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const input = (id: string) => byTestId(id) as HTMLInputElement;
  const click = (id: string) => {
    (byTestId(id) as HTMLElement).click();
    fixture.detectChanges();
  };
  const type = (id: string, value: string) => {
    typeInto(byTestId(id), value);
    fixture.detectChanges();
  };
  const preview = () => byTestId('theme-preview') as HTMLElement;
  const previewVar = (name: string) => preview().style.getPropertyValue(name);

  function create(): void {
    fixture = TestBed.createComponent(AdminThemeEditPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  }

  function edit(theme: ThemeDto): void {
    fixture = TestBed.createComponent(AdminThemeEditPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', theme.id);
    fixture.detectChanges();
    http.expectOne(`/api/admin/themes/${theme.id}`).flush(theme);
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AdminThemeEditPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
    navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    reload = jest.spyOn(TestBed.inject(ThemeStylesheetService), 'reload');
  });

  afterEach(() => {
    fixture?.destroy();
    http.verify();
  });

  it('keeps the colour picker and the hex field in sync, both ways', () => {
    create();
    expect(input('theme-picker-primary').value).toBe('#7c5cff');
    expect(input('theme-hex-primary').value).toBe('#7c5cff');

    type('theme-picker-primary', '#ff8800');
    expect(input('theme-hex-primary').value).toBe('#ff8800');
    expect(previewVar('--cf-primary')).toBe('#ff8800');

    type('theme-hex-primary', '#00AA11');
    expect(input('theme-picker-primary').value).toBe('#00aa11');
    expect(previewVar('--cf-primary')).toBe('#00aa11');
  });

  it('shows an error for an invalid hex and leaves the picker and preview on the last colour', () => {
    create();
    type('theme-hex-clip', '#12zz');
    expect(text(byTestId('theme-hex-clip-error'))).toBe('Clip: use a colour like #1a2b3c');
    expect(input('theme-hex-clip').getAttribute('aria-invalid')).toBe('true');
    expect(input('theme-hex-clip').value).toBe('#12zz');
    expect(input('theme-picker-clip').value).toBe('#7c5cff');
    expect(previewVar('--cf-type-clip')).toBe('#7c5cff');

    type('theme-name', 'Broken');
    click('admin-theme-save');
    http.expectNone('/api/admin/themes');

    type('theme-picker-clip', '#abcdef');
    expect(byTestId('theme-hex-clip-error')).toBeNull();
    expect(input('theme-hex-clip').value).toBe('#abcdef');
  });

  it('previews the edited palette on real components: buttons, a card of each type, a timeline', () => {
    create();
    expect(preview().classList).toContain('cf-theme-scope');
    expect(previewVar('--cf-bg')).toBe(BUILT_IN_THEMES.dark.colours.background);
    const types = Array.from(preview().querySelectorAll('[data-testid="media-card"]')).map((c) =>
      c.getAttribute('data-type'),
    );
    expect(types).toEqual(['intro', 'clip', 'outro', 'transition', 'compilation', 'image']);
    expect(preview().querySelector('.btn--primary')).not.toBeNull();
    expect(preview().querySelector('[data-testid="timeline-card"]')).not.toBeNull();

    type('theme-hex-transition', '#102030');
    expect(previewVar('--cf-type-transition')).toBe('#102030');
    choose(byTestId('theme-base'), 'light');
    fixture.detectChanges();
    expect(preview().style.getPropertyValue('color-scheme')).toBe('light');
  });

  it('creates a theme with every colour, then goes back to the list', () => {
    create();
    click('admin-theme-save');
    expect(text(byTestId('theme-name-error'))).toBe('Name is required');
    http.expectNone('/api/admin/themes');

    type('theme-name', ' Sunset ');
    type('theme-hex-primary', 'FF5500');
    click('admin-theme-save');
    const post = http.expectOne({ method: 'POST', url: '/api/admin/themes' });
    expect(post.request.body).toEqual({
      ...BUILT_IN_THEMES.dark.colours,
      name: 'Sunset',
      base: 'dark',
      primary: '#ff5500',
    });
    post.flush(makeTheme({ id: 'new', name: 'Sunset', active: false }));
    expect(navigateByUrl).toHaveBeenCalledWith('/admin/themes');
  });

  it('saves only the changes, shows the API errors, and reloads the stylesheet for the active theme', () => {
    edit(makeTheme());
    expect(text(el.querySelector('h1'))).toBe('ClippyFront Dark active');
    expect(byTestId('admin-theme-activate')).toBeNull();

    type('theme-hex-clip', '#123456');
    click('admin-theme-save');
    const patch = http.expectOne({ method: 'PATCH', url: '/api/admin/themes/theme-dark' });
    expect(patch.request.body).toEqual({ clip: '#123456' });
    patch.flush(makeTheme({ clip: '#123456' }));
    fixture.detectChanges();
    expect(byTestId('admin-theme-saved')).not.toBeNull();
    expect(reload).toHaveBeenCalledTimes(1);

    type('theme-name', 'ClippyFront Light');
    click('admin-theme-save');
    http
      .expectOne({ method: 'PATCH', url: '/api/admin/themes/theme-dark' })
      .flush(
        { statusCode: 409, message: 'A theme named "ClippyFront Light" already exists' },
        { status: 409, statusText: 'Conflict' },
      );
    fixture.detectChanges();
    expect(text(byTestId('admin-theme-errors'))).toBe(
      'A theme named "ClippyFront Light" already exists',
    );
  });

  it('activates a saved theme (not with unsaved changes) and reloads the stylesheet', () => {
    edit(makeLightTheme());
    type('theme-hex-text', '#000000');
    expect(input('admin-theme-activate').disabled).toBe(true);
    type('theme-hex-text', BUILT_IN_THEMES.light.colours.text);
    expect(input('admin-theme-activate').disabled).toBe(false);
    click('admin-theme-activate');
    http
      .expectOne({ method: 'POST', url: '/api/admin/themes/theme-light/activate' })
      .flush(makeLightTheme({ active: true }));
    fixture.detectChanges();
    expect(byTestId('admin-theme-activated')).not.toBeNull();
    expect(byTestId('admin-theme-active')).not.toBeNull();
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('says when the theme does not exist', () => {
    fixture = TestBed.createComponent(AdminThemeEditPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.componentRef.setInput('id', 'gone');
    fixture.detectChanges();
    http
      .expectOne('/api/admin/themes/gone')
      .flush({ statusCode: 404, message: 'x' }, { status: 404, statusText: 'Not Found' });
    fixture.detectChanges();
    expect(byTestId('admin-theme-not-found')).not.toBeNull();
  });
});
