import { FormControl, FormGroup } from '@angular/forms';
import { makeTier } from '../../../testing/tier-fixtures';
import {
  amountError,
  amountValidator,
  defaultMustBeActive,
  formToRequest,
  INT_MAX,
  maxRenderAmount,
  NEW_TIER_FORM,
  tierChanges,
  tierToForm,
} from './tier-form';

const GB = 1024 ** 3;

describe('tier form', () => {
  it('shows a tier in human units: GB, hours or minutes, blank for none', () => {
    expect(tierToForm(makeTier())).toMatchObject({
      storageGb: '1',
      renderAmount: '30',
      renderUnit: 'minutes',
      maxClips: '20',
      maxSchedules: '1',
    });
    const pro = makeTier({ storageLimitBytes: 50 * GB, monthlyRenderSeconds: 21_600 });
    expect(tierToForm(pro)).toMatchObject({
      storageGb: '50',
      renderAmount: '6',
      renderUnit: 'hours',
    });
    const none = makeTier({
      storageLimitBytes: null,
      monthlyRenderSeconds: null,
      maxClipsPerProject: null,
    });
    expect(tierToForm(none)).toMatchObject({ storageGb: '', renderAmount: '', maxClips: '' });
  });

  it('turns the form into a request in bytes and seconds', () => {
    const request = formToRequest({
      ...NEW_TIER_FORM,
      name: '  Creator ',
      storageGb: '2.5',
      renderAmount: '1.5',
      renderUnit: 'hours',
      maxClips: '40',
      maxSchedules: '3',
    });
    expect(request).toEqual({
      name: 'Creator',
      description: '',
      storageLimitBytes: 2.5 * GB,
      monthlyRenderSeconds: 5400,
      maxClipsPerProject: 40,
      maxResolution: '1080p',
      maxFps: 30,
      watermark: true,
      unlimited: false,
      active: true,
      isDefault: false,
      canSchedule: false,
      maxSchedulesPerUser: 3,
    });
    expect(formToRequest({ ...NEW_TIER_FORM, name: 'x' })).toMatchObject({
      storageLimitBytes: null,
      monthlyRenderSeconds: null,
      maxClipsPerProject: null,
    });
  });

  it('sends only what changed, keeping untouched limits exact', () => {
    const odd = makeTier({ storageLimitBytes: 500 * 1024 * 1024, monthlyRenderSeconds: 100 });
    const initial = tierToForm(odd);
    expect(tierChanges(odd, initial, initial)).toEqual({});
    expect(tierChanges(odd, initial, { ...initial, name: 'Starter', maxFps: 25 })).toEqual({
      name: 'Starter',
      maxFps: 25,
    });
    expect(tierChanges(odd, initial, { ...initial, storageGb: '', renderUnit: 'hours' })).toEqual({
      storageLimitBytes: null,
      monthlyRenderSeconds: Math.round(1.667 * 3600),
    });
  });

  it('validates typed numbers', () => {
    const check = (value: string, rules: Parameters<typeof amountValidator>[0]) =>
      amountValidator(rules)(new FormControl(value));
    const rules = { min: 0, max: 100 };
    expect(check('', rules)).toBeNull();
    expect(check('', { ...rules, required: true })).toEqual({ required: true });
    expect(check('12.5', rules)).toBeNull();
    expect(check('lots', rules)).toEqual({ notNumber: true });
    expect(check('-1', rules)).toEqual({ min: { min: 0 } });
    expect(check('101', rules)).toEqual({ max: { max: 100 } });
    expect(check('1.5', { ...rules, integer: true })).toEqual({ integer: true });
  });

  it('words each problem once the field was left', () => {
    const control = new FormControl('x', amountValidator({ min: 1, max: 5, integer: true }));
    expect(amountError(control, 'Clips per project')).toBeNull();
    control.markAsTouched();
    expect(amountError(control, 'Clips per project')).toBe('Clips per project must be a number.');
    for (const [value, message] of [
      ['2.5', 'Clips per project must be a whole number.'],
      ['0', 'Clips per project must be at least 1.'],
      ['6', 'Clips per project must be at most 5.'],
      ['3', null],
    ] as const) {
      control.setValue(value);
      expect(amountError(control, 'Clips per project')).toBe(message);
    }
  });

  it('caps the render time by the API’s largest number of seconds, in the chosen unit', () => {
    const group = new FormGroup({
      renderAmount: new FormControl(''),
      renderUnit: new FormControl('hours'),
    });
    expect(maxRenderAmount(group.controls.renderAmount)).toBe(Math.floor(INT_MAX / 3600));
    group.controls.renderUnit.setValue('minutes');
    expect(maxRenderAmount(group.controls.renderAmount)).toBe(Math.floor(INT_MAX / 60));
  });

  it('refuses an inactive default tier', () => {
    const group = new FormGroup(
      { isDefault: new FormControl(true), active: new FormControl(false) },
      { validators: defaultMustBeActive },
    );
    expect(group.hasError('defaultInactive')).toBe(true);
    group.controls.active.setValue(true);
    expect(group.hasError('defaultInactive')).toBe(false);
    // Disabled (the default keeps its flag) still counts.
    group.controls.isDefault.disable();
    group.controls.active.setValue(false);
    expect(group.hasError('defaultInactive')).toBe(true);
  });
});
