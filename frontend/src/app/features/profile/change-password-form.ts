import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { apiErrorMessages } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { Field, FieldInput } from '../../shared/field';
import { FormErrors } from '../../shared/form-errors';
import { fieldError, PASSWORD_HINT, PASSWORD_VALIDATORS } from '../../shared/validation';
import type { LoginReason } from '../auth/auth-messages';

@Component({
  selector: 'cf-change-password-form',
  imports: [ReactiveFormsModule, Field, FieldInput, FormErrors],
  templateUrl: './change-password-form.html',
  host: { class: 'card', 'aria-labelledby': 'password-title', role: 'region' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ChangePasswordForm {
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  readonly busy = signal(false);
  readonly errors = signal<string[]>([]);

  readonly form = inject(NonNullableFormBuilder).group({
    current: ['', Validators.required],
    next: ['', PASSWORD_VALIDATORS],
  });

  protected readonly fieldError = fieldError;
  protected readonly passwordHint = PASSWORD_HINT;

  submit(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.errors.set([]);
    this.auth.changePassword(this.form.getRawValue()).subscribe({
      next: () => {
        this.busy.set(false);
        // Every session ended, this one too: log in again with the new password.
        const reason: LoginReason = 'password-changed';
        void this.router.navigate(['/login'], { queryParams: { reason } });
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.errors.set(apiErrorMessages(err));
      },
    });
  }
}
