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
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  apiErrorMessage,
  apiErrorMessages,
  hasStatus,
  retryAfterSeconds,
} from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { Field, FieldInput } from '../../shared/field';
import { fieldError, notBlank } from '../../shared/validation';
import { loginReasonMessage, safeReturnUrl } from './auth-messages';

@Component({
  selector: 'cf-login-page',
  imports: [ReactiveFormsModule, RouterLink, Field, FieldInput],
  templateUrl: './login-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** `?returnUrl=` — where to go after logging in (bound by the router). */
  readonly returnUrl = input<string | undefined>();
  /** `?reason=` — a fixed notice to show (e.g. after registering or changing the password). */
  readonly reason = input<string | undefined>();
  /** `?login=` — prefills the username/email field. */
  readonly prefill = input<string | undefined>(undefined, { alias: 'login' });

  readonly message = computed(() => loginReasonMessage(this.reason()));
  /** false (REGISTRATION_OPEN=false): no "Create one" link. */
  readonly registrationOpen = toSignal(this.auth.registrationOpen());
  readonly error = signal<string | null>(null);
  readonly busy = signal(false);

  readonly form = inject(NonNullableFormBuilder).group({
    login: ['', [Validators.required, notBlank]],
    password: ['', Validators.required],
  });

  protected readonly fieldError = fieldError;

  constructor() {
    effect(() => {
      const value = this.prefill();
      if (value) untracked(() => this.form.controls.login.setValue(value));
    });
    // A server answer is about the values that were sent: editing them makes it stale.
    this.form.valueChanges
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => this.error.set(null));
  }

  submit(): void {
    if (this.busy()) return;
    this.error.set(null);
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { login, password } = this.form.getRawValue();
    this.busy.set(true);
    this.auth.login({ login: login.trim(), password }).subscribe({
      next: () => {
        this.busy.set(false);
        void this.router.navigateByUrl(safeReturnUrl(this.returnUrl()));
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.form.controls.password.reset();
        this.error.set(this.describe(err));
      },
    });
  }

  private describe(err: unknown): string {
    if (hasStatus(err, 401)) return apiErrorMessages(err).join(' ');
    if (hasStatus(err, 429)) {
      const seconds = retryAfterSeconds(err);
      return seconds != null
        ? `Too many login attempts. Try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`
        : 'Too many login attempts. Try again later.';
    }
    return apiErrorMessage(err);
  }
}
