import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import {
  BUILT_IN_THEMES,
  THEME_RULES,
  type ThemeBase,
  type ThemeColourKey,
  type ThemeColours,
  type ThemeDto,
} from '@clippyfront/shared';
import type { Observable, Subscription } from 'rxjs';
import { AdminThemesService } from '../../core/admin-themes.service';
import { apiErrorMessage, apiErrorMessages, isNotFound } from '../../core/api-error';
import { ThemeStylesheetService } from '../../core/theme-stylesheet.service';
import { FormErrors } from '../../shared/form-errors';
import { LoadError } from '../../shared/load-error';
import {
  draftToRequest,
  invalidColours,
  newThemeDraft,
  normalizeHex,
  THEME_BASE_CHOICES,
  THEME_COLOUR_GROUPS,
  THEME_COLOUR_LABELS,
  themeChanges,
  themeToDraft,
  type ThemeDraft,
} from './theme-form';
import { ThemePreview } from './theme-preview';

/**
 * Creates a theme (`/admin/themes/new`) or edits one (`/admin/themes/:id`). Each colour has a
 * colour picker and a hex field that follow each other; the preview shows the SPA's components
 * in the edited colours before anything is saved.
 */
@Component({
  selector: 'cf-admin-theme-edit-page',
  imports: [RouterLink, FormErrors, LoadError, ThemePreview],
  templateUrl: './admin-theme-edit-page.html',
  host: { 'data-testid': 'admin-theme-edit' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminThemeEditPage {
  private readonly themesService = inject(AdminThemesService);
  private readonly stylesheet = inject(ThemeStylesheetService);
  private readonly router = inject(Router);

  /** `:id` route parameter; absent on `/admin/themes/new`. */
  readonly id = input<string | undefined>(undefined);

  readonly creating = computed(() => !this.id());
  readonly theme = signal<ThemeDto | null>(null);
  readonly notFound = signal(false);
  readonly loadError = signal<string | null>(null);
  readonly saving = signal(false);
  readonly saved = signal(false);
  readonly activated = signal(false);
  readonly submitted = signal(false);
  readonly errors = signal<string[]>([]);

  readonly draft = signal<ThemeDraft>(newThemeDraft());
  /** What each colour picker and the preview show: the last valid value of each hex field. */
  readonly shown = signal<ThemeColours>({ ...BUILT_IN_THEMES.dark.colours });
  private readonly initial = signal<ThemeDraft>(newThemeDraft());

  readonly invalid = computed(() => new Set(invalidColours(this.draft().colours)));
  readonly nameError = computed(() => {
    const name = this.draft().name.trim();
    if (!name) return 'Name is required';
    if (name.length > THEME_RULES.nameMaxLength) {
      return `Name must be at most ${THEME_RULES.nameMaxLength} characters`;
    }
    return null;
  });
  readonly dirty = computed(() => JSON.stringify(this.draft()) !== JSON.stringify(this.initial()));

  readonly groups = THEME_COLOUR_GROUPS;
  readonly labels = THEME_COLOUR_LABELS;
  readonly bases = THEME_BASE_CHOICES;
  readonly nameMaxLength = THEME_RULES.nameMaxLength;
  private request?: Subscription;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => (id ? this.load(id) : this.fill(null)));
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  reload(): void {
    const id = this.id();
    if (id) this.load(id);
  }

  setName(name: string): void {
    this.change((draft) => ({ ...draft, name }));
  }

  setBase(base: string): void {
    if (base === 'dark' || base === 'light') this.change((draft) => ({ ...draft, base }));
  }

  /** From either input: the text is kept as typed; a valid colour also moves the other one. */
  setColour(key: ThemeColourKey, text: string): void {
    this.change((draft) => ({ ...draft, colours: { ...draft.colours, [key]: text } }));
    const colour = normalizeHex(text);
    if (colour) this.shown.update((shown) => ({ ...shown, [key]: colour }));
  }

  /** Every colour from the built-in palette of the chosen base. */
  resetColours(base: ThemeBase = this.draft().base): void {
    const colours = { ...BUILT_IN_THEMES[base].colours };
    this.change((draft) => ({ ...draft, colours }));
    this.shown.set(colours);
  }

  colourError(key: ThemeColourKey): string | null {
    return this.invalid().has(key) ? `${this.labels[key]}: use a colour like #1a2b3c` : null;
  }

  save(): void {
    if (this.saving()) return;
    this.submitted.set(true);
    if (this.nameError() || this.invalid().size) return;
    const theme = this.theme();
    let call: Observable<ThemeDto>;
    if (theme) {
      const changes = themeChanges(theme, this.draft());
      if (Object.keys(changes).length === 0) {
        this.errors.set([]);
        this.saved.set(true);
        return;
      }
      call = this.themesService.update(theme.id, changes);
    } else {
      call = this.themesService.create(draftToRequest(this.draft()));
    }
    this.errors.set([]);
    this.saving.set(true);
    call.subscribe({
      next: (result) => {
        this.saving.set(false);
        if (!theme) {
          void this.router.navigateByUrl('/admin/themes');
          return;
        }
        this.fill(result);
        this.saved.set(true);
        // Editing the active theme changes the site now: show it here too.
        if (result.active) this.stylesheet.reload();
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.errors.set(apiErrorMessages(err));
      },
    });
  }

  activate(): void {
    const theme = this.theme();
    if (!theme || this.saving() || this.dirty()) return;
    this.errors.set([]);
    this.saving.set(true);
    this.themesService.activate(theme.id).subscribe({
      next: (result) => {
        this.saving.set(false);
        this.fill(result);
        this.activated.set(true);
        this.stylesheet.reload();
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.errors.set(apiErrorMessages(err));
      },
    });
  }

  private change(update: (draft: ThemeDraft) => ThemeDraft): void {
    this.draft.update(update);
    this.saved.set(false);
    this.activated.set(false);
  }

  private load(id: string): void {
    this.request?.unsubscribe();
    this.loadError.set(null);
    this.notFound.set(false);
    this.theme.set(null);
    this.request = this.themesService.get(id).subscribe({
      next: (theme) => this.fill(theme),
      error: (err: unknown) => {
        if (isNotFound(err)) this.notFound.set(true);
        else this.loadError.set(apiErrorMessage(err));
      },
    });
  }

  private fill(theme: ThemeDto | null): void {
    const draft = theme ? themeToDraft(theme) : newThemeDraft();
    this.theme.set(theme);
    this.initial.set(draft);
    this.draft.set(draft);
    this.shown.set({ ...draft.colours });
    this.submitted.set(false);
  }
}
