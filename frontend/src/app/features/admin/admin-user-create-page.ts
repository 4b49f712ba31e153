import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  USER_ROLES,
  WATERMARK_OVERRIDES,
  type UserRole,
  type WatermarkOverride,
} from '@clippyfront/shared';
import { catchError, of } from 'rxjs';
import { AdminTiersService } from '../../core/admin-tiers.service';
import { AdminUsersService } from '../../core/admin-users.service';
import { apiErrorMessages } from '../../core/api-error';
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
import { WATERMARK_LABELS } from './admin-user-edit-page';

/** Select value for "the default tier" (the API picks it when tierId is omitted). */
export const DEFAULT_TIER = 'default';

/** Admin → Users → New user: an account made by an admin (also when registration is closed). */
@Component({
  selector: 'cf-admin-user-create-page',
  imports: [ReactiveFormsModule, RouterLink, Field, FieldInput, FormErrors],
  templateUrl: './admin-user-create-page.html',
  host: { 'data-testid': 'admin-user-create' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminUserCreatePage {
  private readonly usersService = inject(AdminUsersService);
  private readonly router = inject(Router);

  readonly roles = USER_ROLES;
  readonly watermarkOptions = WATERMARK_OVERRIDES.map((value) => ({
    value,
    label: WATERMARK_LABELS[value],
  }));
  private readonly tiers = toSignal(
    inject(AdminTiersService)
      .list()
      .pipe(catchError(() => of([]))),
    { initialValue: [] },
  );
  readonly tierChoices = computed(() => this.tiers().filter((tier) => tier.active));

  readonly errors = signal<string[]>([]);
  readonly busy = signal(false);

  readonly form = inject(NonNullableFormBuilder).group({
    username: ['', USERNAME_VALIDATORS],
    email: ['', EMAIL_VALIDATORS],
    password: ['', PASSWORD_VALIDATORS],
    role: ['user' as UserRole],
    tierId: [DEFAULT_TIER],
    watermarkOverride: ['default' as WatermarkOverride],
  });

  protected readonly fieldError = fieldError;
  protected readonly usernameHint = USERNAME_HINT;
  protected readonly passwordHint = PASSWORD_HINT;
  protected readonly defaultTier = DEFAULT_TIER;

  submit(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { username, email, password, role, tierId, watermarkOverride } = this.form.getRawValue();
    this.busy.set(true);
    this.errors.set([]);
    this.usersService
      .create({
        username: username.trim(),
        email: email.trim(),
        password,
        role,
        watermarkOverride,
        ...(tierId !== DEFAULT_TIER && { tierId: tierId || null }),
      })
      .subscribe({
        next: (user) => {
          this.busy.set(false);
          void this.router.navigate(['/admin/users', user.id]);
        },
        error: (err: unknown) => {
          this.busy.set(false);
          this.errors.set(apiErrorMessages(err));
        },
      });
  }
}
