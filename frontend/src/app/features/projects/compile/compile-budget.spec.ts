import { ComponentFixture, TestBed } from '@angular/core/testing';
import { text } from '../../../../testing/fixtures';
import { makePlanUsage } from '../../../../testing/tier-fixtures';
import { CompileBudget } from './compile-budget';

describe('CompileBudget', () => {
  let fixture: ComponentFixture<CompileBudget>;
  let el: HTMLElement;
  const shown = (id: string) => text(el.querySelector(`[data-testid="${id}"]`));

  beforeEach(() => {
    fixture = TestBed.createComponent(CompileBudget);
    el = fixture.nativeElement as HTMLElement;
  });

  it('shows the estimate and the render time left with the reset date', () => {
    fixture.componentRef.setInput('estimateSeconds', 84.4);
    fixture.componentRef.setInput('usage', makePlanUsage());
    fixture.detectChanges();
    expect(shown('compile-estimate')).toBe('about 1:24');
    expect(shown('compile-render-left')).toBe('18 min of 30 min · resets 1 Jan 2027');
    expect(el.querySelector('.text-warning')).toBeNull();
  });

  it('warns when the estimate is more than what is left', () => {
    fixture.componentRef.setInput('estimateSeconds', 1081);
    fixture.componentRef.setInput('usage', makePlanUsage());
    fixture.detectChanges();
    expect(el.querySelector('[data-testid="compile-render-left"]')!.classList).toContain(
      'text-warning',
    );
  });

  it('says unlimited, no limit, or nothing when the plan is unknown', () => {
    fixture.detectChanges();
    expect(shown('compile-estimate')).toBe('unknown');
    expect(el.querySelector('[data-testid="compile-render-left"]')).toBeNull();

    fixture.componentRef.setInput(
      'usage',
      makePlanUsage({ tier: { unlimited: true }, render: { limitSeconds: null } }),
    );
    fixture.detectChanges();
    expect(shown('compile-render-left')).toBe('Unlimited · resets 1 Jan 2027');

    fixture.componentRef.setInput('usage', makePlanUsage({ render: { limitSeconds: null } }));
    fixture.detectChanges();
    expect(shown('compile-render-left')).toBe('No limit · resets 1 Jan 2027');
  });
});
