import type { AbstractControl, FormGroup, ValidationErrors, ValidatorFn } from '@angular/forms';
import {
  COMPILE_FPS,
  TIER_RESOLUTIONS,
  type CreateTierRequest,
  type TierDto,
  type TierResolution,
  type UpdateTierRequest,
} from '@clippyfront/shared';
import {
  BYTES_PER_GB,
  bytesToGb,
  fromSeconds,
  gbToBytes,
  parseAmount,
  SECONDS_PER,
  type TimeUnit,
  toSeconds,
} from '../../shared/units';

/** The API's integer columns (render seconds, clip and schedule counts). */
export const INT_MAX = 2 ** 31 - 1;
export const MAX_STORAGE_GB = Math.floor(Number.MAX_SAFE_INTEGER / BYTES_PER_GB);
export const TIER_FPS_CHOICES: readonly number[] = COMPILE_FPS;
export const TIER_RESOLUTION_CHOICES: readonly TierResolution[] = TIER_RESOLUTIONS;

/** What the tier editor's form holds: numbers as typed, blank = no limit / no cap. */
export interface TierFormValue {
  name: string;
  description: string;
  storageGb: string;
  renderAmount: string;
  renderUnit: TimeUnit;
  maxClips: string;
  maxResolution: TierResolution;
  maxFps: number;
  watermark: boolean;
  unlimited: boolean;
  active: boolean;
  isDefault: boolean;
  canSchedule: boolean;
  maxSchedules: string;
}

/** A new tier: the API's defaults, limits left blank. */
export const NEW_TIER_FORM: TierFormValue = {
  name: '',
  description: '',
  storageGb: '',
  renderAmount: '',
  renderUnit: 'hours',
  maxClips: '',
  maxResolution: '1080p',
  maxFps: 30,
  watermark: true,
  unlimited: false,
  active: true,
  isDefault: false,
  canSchedule: false,
  maxSchedules: '1',
};

export function tierToForm(tier: TierDto): TierFormValue {
  const render = tier.monthlyRenderSeconds === null ? null : fromSeconds(tier.monthlyRenderSeconds);
  return {
    name: tier.name,
    description: tier.description,
    storageGb: tier.storageLimitBytes === null ? '' : String(bytesToGb(tier.storageLimitBytes)),
    renderAmount: render ? String(render.amount) : '',
    renderUnit: render?.unit ?? 'hours',
    maxClips: tier.maxClipsPerProject === null ? '' : String(tier.maxClipsPerProject),
    maxResolution: tier.maxResolution,
    maxFps: tier.maxFps,
    watermark: tier.watermark,
    unlimited: tier.unlimited,
    active: tier.active,
    isDefault: tier.isDefault,
    canSchedule: tier.canSchedule,
    maxSchedules: String(tier.maxSchedulesPerUser),
  };
}

/** The create request of a valid form. */
export function formToRequest(value: TierFormValue): Required<CreateTierRequest> {
  const storage = parseAmount(value.storageGb);
  const render = parseAmount(value.renderAmount);
  const maxClips = parseAmount(value.maxClips);
  return {
    name: value.name.trim(),
    description: value.description.trim(),
    storageLimitBytes: storage === null ? null : gbToBytes(storage),
    monthlyRenderSeconds: render === null ? null : toSeconds(render, value.renderUnit),
    maxClipsPerProject: maxClips,
    maxResolution: value.maxResolution,
    maxFps: value.maxFps,
    watermark: value.watermark,
    unlimited: value.unlimited,
    active: value.active,
    isDefault: value.isDefault,
    canSchedule: value.canSchedule,
    maxSchedulesPerUser: parseAmount(value.maxSchedules) ?? 0,
  };
}

/**
 * What an edit changes: only the fields that differ from the tier. A limit whose text was not
 * touched keeps its exact value (GB and minutes are rounded for display).
 */
export function tierChanges(
  tier: TierDto,
  initial: TierFormValue,
  value: TierFormValue,
): UpdateTierRequest {
  const request = formToRequest(value);
  if (value.storageGb === initial.storageGb) request.storageLimitBytes = tier.storageLimitBytes;
  if (value.renderAmount === initial.renderAmount && value.renderUnit === initial.renderUnit) {
    request.monthlyRenderSeconds = tier.monthlyRenderSeconds;
  }
  const changes: UpdateTierRequest = {};
  for (const key of Object.keys(request) as (keyof CreateTierRequest)[]) {
    if (request[key] !== tier[key]) (changes as Record<string, unknown>)[key] = request[key];
  }
  return changes;
}

export interface AmountRules {
  min: number;
  max: number | ((control: AbstractControl) => number);
  integer?: boolean;
  required?: boolean;
}

/** A typed number: blank passes unless required; otherwise a number within the rules. */
export function amountValidator(rules: AmountRules): ValidatorFn {
  return (control): ValidationErrors | null => {
    const amount = parseAmount(control.value as string);
    if (amount === null) return rules.required ? { required: true } : null;
    if (Number.isNaN(amount)) return { notNumber: true };
    if (rules.integer && !Number.isInteger(amount)) return { integer: true };
    if (amount < rules.min) return { min: { min: rules.min } };
    const max = typeof rules.max === 'function' ? rules.max(control) : rules.max;
    if (amount > max) return { max: { max } };
    return null;
  };
}

/** The largest render time the API takes, in the unit chosen beside the amount. */
export function maxRenderAmount(control: AbstractControl): number {
  const unit = (control.parent?.get('renderUnit')?.value as TimeUnit | undefined) ?? 'minutes';
  return Math.floor(INT_MAX / SECONDS_PER[unit]);
}

/** The problem with a typed number, as a sentence, once the user has left the field. */
export function amountError(control: AbstractControl, label: string): string | null {
  if (!control.invalid || !control.touched) return null;
  const errors = control.errors ?? {};
  if (errors['required']) return `${label} is required.`;
  if (errors['notNumber']) return `${label} must be a number.`;
  if (errors['integer']) return `${label} must be a whole number.`;
  if (errors['min']) return `${label} must be at least ${(errors['min'] as { min: number }).min}.`;
  if (errors['max']) return `${label} must be at most ${(errors['max'] as { max: number }).max}.`;
  return `${label} is invalid.`;
}

/** The default tier must be active (the API refuses otherwise). */
export const defaultMustBeActive: ValidatorFn = (group) => {
  const value = (group as FormGroup).getRawValue() as Partial<TierFormValue>;
  return value.isDefault && value.active === false ? { defaultInactive: true } : null;
};
