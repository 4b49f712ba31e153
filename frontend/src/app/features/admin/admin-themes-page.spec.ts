import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { text } from '../../../testing/fixtures';
import { makeLightTheme, makeTheme } from '../../../testing/theme-fixtures';
import { ThemeStylesheetService } from '../../core/theme-stylesheet.service';
import { AdminThemesPage } from './admin-themes-page';

describe('AdminThemesPage', () => {
  let fixture: ComponentFixture<AdminThemesPage>;
  let http: HttpTestingController;
  let el: HTMLElement;

  const byTestId = (id: string, root: ParentNode = el) =>
    root.querySelector(`[data-testid="${id}"]`);
  const rows = () => Array.from(el.querySelectorAll('[data-testid="admin-theme-row"]'));
  const click = (target: Element | null) => {
    (target as HTMLButtonElement).click();
    fixture.detectChanges();
  };

  function open(): void {
    fixture = TestBed.createComponent(AdminThemesPage);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
    http.expectOne('/api/admin/themes').flush([makeTheme(), makeLightTheme()]);
    fixture.detectChanges();
  }

  beforeEach(() => {
    TestBed.configureTestingModule({
      imports: [AdminThemesPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    fixture?.destroy();
    http.verify();
  });

  it('lists the themes with a swatch per colour and the active one marked', () => {
    open();
    expect(rows().map((r) => r.getAttribute('data-theme-name'))).toEqual([
      'ClippyFront Dark',
      'ClippyFront Light',
    ]);
    const swatches = rows()[0]!.querySelectorAll<HTMLElement>('[data-testid="admin-theme-swatch"]');
    expect(swatches).toHaveLength(16);
    expect(swatches[0]!.style.getPropertyValue('--swatch')).toBe('#0f1117');
    expect(byTestId('admin-theme-active', rows()[0])).not.toBeNull();
    expect(byTestId('admin-theme-activate', rows()[0])).toBeNull();
    expect(byTestId('admin-theme-active', rows()[1])).toBeNull();
  });

  it('activates a theme, marks it and reloads the stylesheet at once', () => {
    const reload = jest.spyOn(TestBed.inject(ThemeStylesheetService), 'reload');
    open();
    click(byTestId('admin-theme-activate', rows()[1]));
    http
      .expectOne({ method: 'POST', url: '/api/admin/themes/theme-light/activate' })
      .flush(makeLightTheme({ active: true }));
    fixture.detectChanges();
    expect(byTestId('admin-theme-active', rows()[1])).not.toBeNull();
    expect(byTestId('admin-theme-active', rows()[0])).toBeNull();
    expect(text(byTestId('admin-theme-notice'))).toBe('“ClippyFront Light” is now the site theme.');
    expect(reload).toHaveBeenCalledTimes(1);
  });

  it('duplicates a theme and opens the copy', () => {
    const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    open();
    click(byTestId('admin-theme-duplicate', rows()[0]));
    http
      .expectOne({ method: 'POST', url: '/api/admin/themes/theme-dark/duplicate' })
      .flush(makeTheme({ id: 'copy', name: 'ClippyFront Dark (copy)', active: false }));
    expect(navigate).toHaveBeenCalledWith(['/admin/themes', 'copy']);
  });

  it('asks before deleting, shows the 409 for the active theme, deletes another', () => {
    open();
    click(byTestId('admin-theme-delete', rows()[0]));
    expect(byTestId('admin-theme-delete-dialog')).not.toBeNull();
    click(byTestId('admin-theme-delete-confirm'));
    const message = 'Theme "ClippyFront Dark" is the active theme; activate another theme first';
    http
      .expectOne({ method: 'DELETE', url: '/api/admin/themes/theme-dark' })
      .flush({ statusCode: 409, message }, { status: 409, statusText: 'Conflict' });
    fixture.detectChanges();
    expect(text(byTestId('admin-theme-delete-dialog'))).toContain(message);
    expect(rows()).toHaveLength(2);
    click(byTestId('admin-theme-delete-cancel'));

    click(byTestId('admin-theme-delete', rows()[1]));
    click(byTestId('admin-theme-delete-confirm'));
    http
      .expectOne({ method: 'DELETE', url: '/api/admin/themes/theme-light' })
      .flush(null, { status: 204, statusText: 'No Content' });
    fixture.detectChanges();
    expect(rows()).toHaveLength(1);
    expect(text(byTestId('admin-theme-notice'))).toBe('Deleted the theme “ClippyFront Light”.');
  });
});
