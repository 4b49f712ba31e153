import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule } from '@angular/forms';
import type { UpdateProfileRequest, UserDto } from '@clippyfront/shared';
import { apiErrorMessages } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { Field, FieldInput } from '../../shared/field';
import { FormErrors } from '../../shared/form-errors';
import {
  blankToNull,
  DISPLAY_NAME_VALIDATORS,
  EMAIL_VALIDATORS,
  fieldError,
} from '../../shared/validation';

@Component({
  selector: 'cf-profile-details-form',
  imports: [ReactiveFormsModule, Field, FieldInput, FormErrors],
  templateUrl: './profile-details-form.html',
  host: { class: 'card', 'aria-labelledby': 'profile-title', role: 'region' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProfileDetailsForm {
  private readonly auth = inject(AuthService);

  readonly user = this.auth.user;
  readonly busy = signal(false);
  readonly saved = signal(false);
  readonly errors = signal<string[]>([]);

  readonly form = inject(NonNullableFormBuilder).group({
    email: ['', EMAIL_VALIDATORS],
    displayName: ['', DISPLAY_NAME_VALIDATORS],
    twitchUsername: [''],
    discordUserId: [''],
  });

  protected readonly fieldError = fieldError;

  constructor() {
    this.fill(this.auth.user());
    this.form.valueChanges
      .pipe(takeUntilDestroyed(inject(DestroyRef)))
      .subscribe(() => this.saved.set(false));
  }

  submit(): void {
    if (this.busy()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const changes = this.changes();
    this.errors.set([]);
    if (Object.keys(changes).length === 0) {
      this.saved.set(true);
      return;
    }
    this.busy.set(true);
    this.auth.updateProfile(changes).subscribe({
      next: (user) => {
        this.busy.set(false);
        this.fill(user);
        this.saved.set(true);
      },
      error: (err: unknown) => {
        this.busy.set(false);
        this.errors.set(apiErrorMessages(err));
      },
    });
  }

  /** Only the fields that differ from the stored profile; blanks clear optional fields. */
  private changes(): UpdateProfileRequest {
    const current = this.auth.user();
    const value = this.form.getRawValue();
    const next = {
      email: value.email.trim(),
      displayName: blankToNull(value.displayName),
      twitchUsername: blankToNull(value.twitchUsername),
      discordUserId: blankToNull(value.discordUserId),
    };
    const changes: UpdateProfileRequest = {};
    if (next.email !== current?.email) changes.email = next.email;
    if (next.displayName !== (current?.displayName ?? null)) changes.displayName = next.displayName;
    if (next.twitchUsername !== (current?.twitchUsername ?? null)) {
      changes.twitchUsername = next.twitchUsername;
    }
    if (next.discordUserId !== (current?.discordUserId ?? null)) {
      changes.discordUserId = next.discordUserId;
    }
    return changes;
  }

  private fill(user: UserDto | null): void {
    this.form.reset(
      {
        email: user?.email ?? '',
        displayName: user?.displayName ?? '',
        twitchUsername: user?.twitchUsername ?? '',
        discordUserId: user?.discordUserId ?? '',
      },
      { emitEvent: false },
    );
  }
}
