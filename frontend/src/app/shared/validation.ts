import { AbstractControl, ValidatorFn, Validators } from '@angular/forms';
import { ACCOUNT_RULES } from '@clippyfront/shared';

/** Client-side mirrors of the API's account rules (the API validates again). */
export const USERNAME_VALIDATORS: ValidatorFn[] = [
  Validators.required,
  Validators.pattern(new RegExp(ACCOUNT_RULES.usernamePattern)),
];
export const EMAIL_VALIDATORS: ValidatorFn[] = [
  Validators.required,
  Validators.email,
  Validators.maxLength(ACCOUNT_RULES.emailMaxLength),
];
export const PASSWORD_VALIDATORS: ValidatorFn[] = [
  Validators.required,
  Validators.minLength(ACCOUNT_RULES.passwordMinLength),
  Validators.maxLength(ACCOUNT_RULES.passwordMaxLength),
];
/** A password field that may stay empty (admin reset). */
export const OPTIONAL_PASSWORD_VALIDATORS: ValidatorFn[] = [
  Validators.minLength(ACCOUNT_RULES.passwordMinLength),
  Validators.maxLength(ACCOUNT_RULES.passwordMaxLength),
];
export const DISPLAY_NAME_VALIDATORS: ValidatorFn[] = [
  Validators.maxLength(ACCOUNT_RULES.displayNameMaxLength),
];

export const USERNAME_HINT = '3–32 characters: letters, digits, dot, dash or underscore.';
export const PASSWORD_HINT = `At least ${ACCOUNT_RULES.passwordMinLength} characters.`;

/**
 * The first problem with a field, as a sentence, once the user has left the field (or tried to
 * submit). `patternHint` explains a failed pattern.
 */
export function fieldError(
  control: AbstractControl | null | undefined,
  label: string,
  patternHint?: string,
): string | null {
  if (!control || !control.invalid || !control.touched) return null;
  const errors = control.errors ?? {};
  if (errors['required']) return `${label} is required.`;
  if (errors['email']) return `${label} must be a valid email address.`;
  if (errors['minlength']) {
    const { requiredLength } = errors['minlength'] as { requiredLength: number };
    return `${label} must be at least ${requiredLength} characters.`;
  }
  if (errors['maxlength']) {
    const { requiredLength } = errors['maxlength'] as { requiredLength: number };
    return `${label} must be at most ${requiredLength} characters.`;
  }
  if (errors['pattern']) return patternHint ? `${label}: ${patternHint}` : `${label} is invalid.`;
  if (errors['whitespace']) return `${label} cannot be blank.`;
  return `${label} is invalid.`;
}

/** Rejects values that are only whitespace (use with `Validators.required`). */
export const notBlank: ValidatorFn = (control) =>
  typeof control.value === 'string' && control.value.length > 0 && control.value.trim() === ''
    ? { whitespace: true }
    : null;

/** `''` / whitespace → null, otherwise the trimmed text. */
export function blankToNull(value: string | null | undefined): string | null {
  const trimmed = value?.trim() ?? '';
  return trimmed === '' ? null : trimmed;
}
