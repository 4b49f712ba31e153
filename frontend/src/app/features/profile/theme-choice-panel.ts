import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { ThemePreference } from '@clippyfront/shared';
import { apiErrorMessages } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';

export const THEME_CHOICES: { value: ThemePreference; label: string; hint: string }[] = [
  { value: 'site', label: 'Site theme', hint: 'The theme the administrators chose' },
  { value: 'light', label: 'Light', hint: 'The built-in light colours' },
  { value: 'dark', label: 'Dark', hint: 'The built-in dark colours' },
];

/** The user's own theme; a choice is saved and applied at once. */
@Component({
  selector: 'cf-theme-choice-panel',
  template: `
    <h2 class="card__title" id="theme-choice-title">Appearance</h2>
    <fieldset class="fieldset fieldset--stack" [disabled]="busy()">
      <legend class="visually-hidden">Theme</legend>
      @for (choice of choices; track choice.value) {
        <label class="checkbox">
          <input
            type="radio"
            name="theme-preference"
            [value]="choice.value"
            [checked]="current() === choice.value"
            [attr.data-testid]="'theme-choice-' + choice.value"
            (change)="choose(choice.value)"
          />
          <span
            >{{ choice.label }} <span class="muted">— {{ choice.hint }}</span></span
          >
        </label>
      }
    </fieldset>
    @if (error(); as message) {
      <div class="alert alert--error" role="alert" data-testid="theme-choice-error">
        {{ message }}
      </div>
    }
  `,
  host: {
    class: 'card',
    role: 'region',
    'aria-labelledby': 'theme-choice-title',
    'data-testid': 'theme-choice-panel',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ThemeChoicePanel {
  private readonly auth = inject(AuthService);

  readonly choices = THEME_CHOICES;
  readonly current = computed(() => this.auth.user()?.themePreference ?? 'site');
  readonly busy = signal(false);
  readonly error = signal<string | null>(null);

  choose(themePreference: ThemePreference): void {
    if (this.busy() || themePreference === this.current()) return;
    this.busy.set(true);
    this.error.set(null);
    this.auth.updateProfile({ themePreference }).subscribe({
      next: () => this.busy.set(false),
      error: (err: unknown) => {
        this.busy.set(false);
        this.error.set(apiErrorMessages(err).join(' '));
      },
    });
  }
}
