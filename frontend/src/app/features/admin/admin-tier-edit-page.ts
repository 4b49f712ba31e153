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
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import { TIER_RULES, type TierDto } from '@clippyfront/shared';
import type { Observable, Subscription } from 'rxjs';
import { AdminTiersService } from '../../core/admin-tiers.service';
import { apiErrorMessage, apiErrorMessages, isNotFound } from '../../core/api-error';
import { Field, FieldInput } from '../../shared/field';
import { FormErrors } from '../../shared/form-errors';
import { LoadError } from '../../shared/load-error';
import { TIME_UNITS } from '../../shared/units';
import { fieldError, notBlank } from '../../shared/validation';
import {
  amountError,
  amountValidator,
  defaultMustBeActive,
  formToRequest,
  INT_MAX,
  MAX_STORAGE_GB,
  maxRenderAmount,
  NEW_TIER_FORM,
  TIER_FPS_CHOICES,
  TIER_RESOLUTION_CHOICES,
  tierChanges,
  tierToForm,
  type TierFormValue,
} from './tier-form';

/**
 * Creates a tier (`/admin/tiers/new`) or edits one (`/admin/tiers/:id`), with limits in human
 * units: storage in GB, render time in minutes or hours; blank means no limit (or no cap).
 */
@Component({
  selector: 'cf-admin-tier-edit-page',
  imports: [ReactiveFormsModule, RouterLink, Field, FieldInput, FormErrors, LoadError],
  templateUrl: './admin-tier-edit-page.html',
  host: { 'data-testid': 'admin-tier-edit' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminTierEditPage {
  private readonly tiersService = inject(AdminTiersService);
  private readonly router = inject(Router);

  /** `:id` route parameter; absent on `/admin/tiers/new`. */
  readonly id = input<string | undefined>(undefined);

  readonly creating = computed(() => !this.id());
  readonly tier = signal<TierDto | null>(null);
  readonly notFound = signal(false);
  readonly loadError = signal<string | null>(null);
  readonly saving = signal(false);
  readonly saved = signal(false);
  readonly errors = signal<string[]>([]);

  readonly form = inject(NonNullableFormBuilder).group(
    {
      name: [
        NEW_TIER_FORM.name,
        [Validators.required, notBlank, Validators.maxLength(TIER_RULES.nameMaxLength)],
      ],
      description: [
        NEW_TIER_FORM.description,
        Validators.maxLength(TIER_RULES.descriptionMaxLength),
      ],
      storageGb: [NEW_TIER_FORM.storageGb, amountValidator({ min: 0, max: MAX_STORAGE_GB })],
      renderAmount: [NEW_TIER_FORM.renderAmount, amountValidator({ min: 0, max: maxRenderAmount })],
      renderUnit: [NEW_TIER_FORM.renderUnit],
      maxClips: [NEW_TIER_FORM.maxClips, amountValidator({ min: 1, max: INT_MAX, integer: true })],
      maxResolution: [NEW_TIER_FORM.maxResolution],
      maxFps: [NEW_TIER_FORM.maxFps],
      watermark: [NEW_TIER_FORM.watermark],
      unlimited: [NEW_TIER_FORM.unlimited],
      active: [NEW_TIER_FORM.active],
      isDefault: [NEW_TIER_FORM.isDefault],
      canSchedule: [NEW_TIER_FORM.canSchedule],
      maxSchedules: [
        NEW_TIER_FORM.maxSchedules,
        amountValidator({ min: 0, max: INT_MAX, integer: true, required: true }),
      ],
    },
    { validators: defaultMustBeActive },
  );

  readonly resolutions = TIER_RESOLUTION_CHOICES;
  readonly timeUnits = TIME_UNITS;
  /** The usual frame rates, plus the tier's own when it is another (the API takes 1–240). */
  readonly fpsChoices = computed(() => {
    const own = this.tier()?.maxFps;
    return own && !TIER_FPS_CHOICES.includes(own)
      ? [...TIER_FPS_CHOICES, own].sort((a, b) => a - b)
      : TIER_FPS_CHOICES;
  });

  protected readonly fieldError = fieldError;
  protected readonly amountError = amountError;
  private initial: TierFormValue = NEW_TIER_FORM;
  private request?: Subscription;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => (id ? this.load(id) : this.fill(null)));
    });
    this.form.valueChanges.pipe(takeUntilDestroyed()).subscribe(() => this.saved.set(false));
    // The largest amount depends on the unit.
    this.form.controls.renderUnit.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.form.controls.renderAmount.updateValueAndValidity());
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  reload(): void {
    const id = this.id();
    if (id) this.load(id);
  }

  save(): void {
    if (this.saving()) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const tier = this.tier();
    let call: Observable<TierDto>;
    if (tier) {
      const changes = tierChanges(tier, this.initial, value);
      if (Object.keys(changes).length === 0) {
        this.errors.set([]);
        this.saved.set(true);
        return;
      }
      call = this.tiersService.update(tier.id, changes);
    } else {
      call = this.tiersService.create(formToRequest(value));
    }
    this.errors.set([]);
    this.saving.set(true);
    call.subscribe({
      next: (result) => {
        this.saving.set(false);
        if (tier) {
          this.fill(result);
          this.saved.set(true);
        } else {
          void this.router.navigateByUrl('/admin/tiers');
        }
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.errors.set(apiErrorMessages(err));
      },
    });
  }

  private load(id: string): void {
    this.request?.unsubscribe();
    this.loadError.set(null);
    this.notFound.set(false);
    this.tier.set(null);
    this.request = this.tiersService.get(id).subscribe({
      next: (tier) => this.fill(tier),
      error: (err: unknown) => {
        if (isNotFound(err)) this.notFound.set(true);
        else this.loadError.set(apiErrorMessage(err));
      },
    });
  }

  private fill(tier: TierDto | null): void {
    this.tier.set(tier);
    this.initial = tier ? tierToForm(tier) : NEW_TIER_FORM;
    this.form.reset(this.initial, { emitEvent: false });
    this.form.controls.renderAmount.updateValueAndValidity({ emitEvent: false });
    // The default stays the default until another tier takes the flag (the API insists).
    if (tier?.isDefault) this.form.controls.isDefault.disable({ emitEvent: false });
    else this.form.controls.isDefault.enable({ emitEvent: false });
  }
}
