import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { apiErrorMessages } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { Field, FieldInput } from '../../shared/field';
import { FormErrors } from '../../shared/form-errors';
import {
  EMAIL_VALIDATORS,
  fieldError,
  PASSWORD_HINT,
  PASSWORD_VALIDATORS,
  USERNAME_HINT,
  USERNAME_VALIDATORS,
} from '../../shared/validation';
import type { LoginReason } from './auth-messages';

@Component({
  selector: 'cf-register-page',
  imports: [ReactiveFormsModule, RouterLink, Field, FieldInput, FormErrors],
  templateUrl: './register-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RegisterPage {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** undefined while asking; false: REGISTRATION_OPEN=false, only admins create accounts. */
  readonly open = toSignal(this.auth.registrationOpen());
  readonly errors = signal<string[]>([]);
  readonly busy = signal(false);

  readonly form = inject(NonNullableFormBuilder).group({
    username: ['', USERNAME_VALIDATORS],
    email: ['', EMAIL_VALIDATORS],
    password: ['', PASSWORD_VALIDATORS],
  });

  protected readonly fieldError = fieldError;
  protected readonly usernameHint = USERNAME_HINT;
  protected readonly passwordHint = PASSWORD_HINT;

  submit(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { username, email, password } = this.form.getRawValue();
    this.busy.set(true);
    this.errors.set([]);
    this.auth.register({ username, email: email.trim(), password }).subscribe({
      next: (user) => {
        this.busy.set(false);
        const reason: LoginReason = 'registered';
        void this.router.navigate(['/login'], {
          queryParams: { reason, login: user.username || username },
        });
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.errors.set(apiErrorMessages(err));
      },
    });
  }
}
