import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { THEME_COLOUR_KEYS, type ThemeDto } from '@clippyfront/shared';
import { AdminThemesService } from '../../core/admin-themes.service';
import { apiErrorMessage, apiErrorMessages } from '../../core/api-error';
import { ThemeStylesheetService } from '../../core/theme-stylesheet.service';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { LoadError } from '../../shared/load-error';
import { THEME_COLOUR_LABELS } from './theme-form';

/** Every theme with its colours as swatches; activate, duplicate, edit, delete. */
@Component({
  selector: 'cf-admin-themes-page',
  imports: [ConfirmDialog, LoadError, RouterLink],
  templateUrl: './admin-themes-page.html',
  host: { 'data-testid': 'admin-themes' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminThemesPage {
  private readonly themesService = inject(AdminThemesService);
  private readonly stylesheet = inject(ThemeStylesheetService);
  private readonly router = inject(Router);

  readonly themes = signal<ThemeDto[]>([]);
  readonly loaded = signal(false);
  readonly loadError = signal<string | null>(null);
  readonly busy = signal<string | null>(null);
  readonly actionError = signal<string | null>(null);
  readonly notice = signal<string | null>(null);

  readonly deleting = signal<ThemeDto | null>(null);
  readonly deleteBusy = signal(false);
  readonly deleteError = signal<string | null>(null);

  readonly keys = THEME_COLOUR_KEYS;
  readonly labels = THEME_COLOUR_LABELS;

  constructor() {
    this.load();
  }

  load(): void {
    this.loadError.set(null);
    this.themesService.list().subscribe({
      next: (themes) => {
        this.themes.set(themes);
        this.loaded.set(true);
      },
      error: (err: unknown) => this.loadError.set(apiErrorMessage(err)),
    });
  }

  activate(theme: ThemeDto): void {
    if (this.busy()) return;
    this.start(theme.id);
    this.themesService.activate(theme.id).subscribe({
      next: () => {
        this.busy.set(null);
        this.themes.update((list) => list.map((t) => ({ ...t, active: t.id === theme.id })));
        this.notice.set(`“${theme.name}” is now the site theme.`);
        this.stylesheet.reload();
      },
      error: (err: unknown) => this.failed(err),
    });
  }

  duplicate(theme: ThemeDto): void {
    if (this.busy()) return;
    this.start(theme.id);
    this.themesService.duplicate(theme.id).subscribe({
      next: (copy) => {
        this.busy.set(null);
        void this.router.navigate(['/admin/themes', copy.id]);
      },
      error: (err: unknown) => this.failed(err),
    });
  }

  askDelete(theme: ThemeDto): void {
    this.notice.set(null);
    this.deleteError.set(null);
    this.deleting.set(theme);
  }

  cancelDelete(): void {
    if (this.deleteBusy()) return;
    this.deleting.set(null);
    this.deleteError.set(null);
  }

  confirmDelete(): void {
    const theme = this.deleting();
    if (!theme || this.deleteBusy()) return;
    this.deleteBusy.set(true);
    this.deleteError.set(null);
    this.themesService.delete(theme.id).subscribe({
      next: () => {
        this.deleteBusy.set(false);
        this.deleting.set(null);
        this.themes.update((list) => list.filter((t) => t.id !== theme.id));
        this.notice.set(`Deleted the theme “${theme.name}”.`);
      },
      error: (err: unknown) => {
        this.deleteBusy.set(false);
        // 409: it is the active theme.
        this.deleteError.set(apiErrorMessages(err).join(' '));
      },
    });
  }

  private start(id: string): void {
    this.busy.set(id);
    this.notice.set(null);
    this.actionError.set(null);
  }

  private failed(err: unknown): void {
    this.busy.set(null);
    this.actionError.set(apiErrorMessages(err).join(' '));
  }
}
