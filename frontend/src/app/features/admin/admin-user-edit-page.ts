import { DatePipe } from '@angular/common';
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
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  type AdminUpdateUserRequest,
  type TierDto,
  type UserDto,
  type UserRole,
  USER_ROLES,
  type WatermarkOverride,
  WATERMARK_OVERRIDES,
} from '@clippyfront/shared';
import { Subscription } from 'rxjs';
import { AdminTiersService } from '../../core/admin-tiers.service';
import { AdminUsersService } from '../../core/admin-users.service';
import { apiErrorMessage, apiErrorMessages, isNotFound } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { Field, FieldInput } from '../../shared/field';
import { FormErrors } from '../../shared/form-errors';
import { LoadError } from '../../shared/load-error';
import {
  blankToNull,
  DISPLAY_NAME_VALIDATORS,
  EMAIL_VALIDATORS,
  fieldError,
  OPTIONAL_PASSWORD_VALIDATORS,
  PASSWORD_HINT,
} from '../../shared/validation';
import type { LoginReason } from '../auth/auth-messages';

export const WATERMARK_LABELS: Record<WatermarkOverride, string> = {
  default: 'Default (follow the tier)',
  always: 'Always watermark',
  never: 'Never watermark',
};

const RESET_PASSWORD_HINT = `Leave blank to keep it. ${PASSWORD_HINT} Ends the user's sessions and revokes their API tokens.`;

@Component({
  selector: 'cf-admin-user-edit-page',
  imports: [
    DatePipe,
    ReactiveFormsModule,
    RouterLink,
    ConfirmDialog,
    Field,
    FieldInput,
    FormErrors,
    LoadError,
  ],
  templateUrl: './admin-user-edit-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminUserEditPage {
  private readonly usersService = inject(AdminUsersService);
  private readonly tiersService = inject(AdminTiersService);
  private readonly auth = inject(AuthService);
  private readonly router = inject(Router);

  /** `:id` route parameter (bound by the router). */
  readonly id = input.required<string>();

  readonly user = signal<UserDto | null>(null);
  readonly notFound = signal(false);
  readonly loadError = signal<string | null>(null);
  readonly saving = signal(false);
  readonly saved = signal(false);
  readonly errors = signal<string[]>([]);
  readonly confirmingDelete = signal(false);
  readonly deleting = signal(false);
  readonly deleteError = signal<string | null>(null);

  readonly isSelf = computed(() => this.user()?.id === this.auth.user()?.id);
  readonly tiers = signal<TierDto[]>([]);
  /** Active tiers, plus the user's own even when inactive or not listed (kept, never lost). */
  readonly tierChoices = computed(() => {
    const current = this.user()?.tierId ?? null;
    const choices = this.tiers()
      .filter((tier) => tier.active || tier.id === current)
      .map((tier) => ({ id: tier.id, label: tier.active ? tier.name : `${tier.name} (inactive)` }));
    if (current && !choices.some((choice) => choice.id === current)) {
      choices.push({ id: current, label: `Unknown tier (${current})` });
    }
    return choices;
  });
  readonly roles = USER_ROLES;
  readonly watermarkOptions = WATERMARK_OVERRIDES.map((value) => ({
    value,
    label: WATERMARK_LABELS[value],
  }));

  readonly form = inject(NonNullableFormBuilder).group({
    email: ['', EMAIL_VALIDATORS],
    displayName: ['', DISPLAY_NAME_VALIDATORS],
    role: ['user' as UserRole],
    isActive: [true],
    watermarkOverride: ['default' as WatermarkOverride],
    tierId: [''],
    password: ['', OPTIONAL_PASSWORD_VALIDATORS],
  });

  protected readonly fieldError = fieldError;
  protected readonly passwordHint = RESET_PASSWORD_HINT;
  private request?: Subscription;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.saved.set(false));
    // Without the list the select still shows the user's tier (as unknown) and saves nothing else.
    this.tiersService
      .list()
      .pipe(takeUntilDestroyed())
      .subscribe({ next: (tiers) => this.tiers.set(tiers), error: () => this.tiers.set([]) });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  reload(): void {
    this.load(this.id());
  }

  save(): void {
    const user = this.user();
    if (!user || this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const changes = this.changes(user);
    this.errors.set([]);
    if (Object.keys(changes).length === 0) {
      this.saved.set(true);
      return;
    }
    this.saving.set(true);
    this.usersService.update(user.id, changes).subscribe({
      next: (updated) => {
        this.saving.set(false);
        this.fill(updated);
        this.saved.set(true);
        if (updated.id === this.auth.user()?.id) this.afterSelfUpdate(updated, changes);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.errors.set(apiErrorMessages(err));
      },
    });
  }

  askDelete(): void {
    this.deleteError.set(null);
    this.confirmingDelete.set(true);
  }

  cancelDelete(): void {
    this.confirmingDelete.set(false);
    this.deleteError.set(null);
  }

  confirmDelete(): void {
    const user = this.user();
    if (!user || this.deleting()) return;
    const self = this.isSelf();
    this.deleting.set(true);
    this.deleteError.set(null);
    this.usersService.delete(user.id).subscribe({
      next: () => {
        this.deleting.set(false);
        this.confirmingDelete.set(false);
        if (self) {
          this.auth.clear();
          void this.router.navigateByUrl('/login');
        } else {
          void this.router.navigateByUrl('/admin/users');
        }
      },
      error: (err: unknown) => {
        this.deleting.set(false);
        this.deleteError.set(apiErrorMessages(err).join(' '));
      },
    });
  }

  /** Only the changed fields; a blank password means "keep it", a blank tier means "none". */
  private changes(user: UserDto): AdminUpdateUserRequest {
    const value = this.form.getRawValue();
    const changes: AdminUpdateUserRequest = {};
    const email = value.email.trim();
    const displayName = blankToNull(value.displayName);
    const tierId = blankToNull(value.tierId);
    if (email !== user.email) changes.email = email;
    if (displayName !== user.displayName) changes.displayName = displayName;
    if (value.role !== user.role) changes.role = value.role;
    if (value.isActive !== user.isActive) changes.isActive = value.isActive;
    if (value.watermarkOverride !== user.watermarkOverride) {
      changes.watermarkOverride = value.watermarkOverride;
    }
    if (tierId !== user.tierId) changes.tierId = tierId;
    if (value.password !== '') changes.password = value.password;
    return changes;
  }

  private afterSelfUpdate(updated: UserDto, changes: AdminUpdateUserRequest): void {
    if (changes.password !== undefined || !updated.isActive) {
      // The API ended this user's sessions: this browser's too.
      this.auth.clear();
      const reason: LoginReason = 'password-changed';
      void this.router.navigate(
        ['/login'],
        changes.password !== undefined ? { queryParams: { reason } } : {},
      );
      return;
    }
    this.auth.setUser(updated);
    if (updated.role !== 'admin') void this.router.navigateByUrl('/jobs');
  }

  private load(id: string): void {
    this.request?.unsubscribe();
    this.loadError.set(null);
    this.notFound.set(false);
    this.request = this.usersService.get(id).subscribe({
      next: (user) => this.fill(user),
      error: (err: unknown) => {
        if (isNotFound(err)) this.notFound.set(true);
        else this.loadError.set(apiErrorMessage(err));
      },
    });
  }

  private fill(user: UserDto): void {
    this.user.set(user);
    this.form.reset(
      {
        email: user.email,
        displayName: user.displayName ?? '',
        role: user.role,
        isActive: user.isActive,
        watermarkOverride: user.watermarkOverride,
        tierId: user.tierId ?? '',
        password: '',
      },
      { emitEvent: false },
    );
  }
}
