import { ComponentFixture, TestBed } from '@angular/core/testing';
import { text } from '../../../testing/fixtures';
import { makeUsage } from '../../../testing/media-fixtures';
import { makePlanUsage } from '../../../testing/tier-fixtures';
import { StorageUsage } from './storage-usage';

describe('StorageUsage', () => {
  let fixture: ComponentFixture<StorageUsage>;
  let el: HTMLElement;

  beforeEach(() => {
    fixture = TestBed.createComponent(StorageUsage);
    el = fixture.nativeElement as HTMLElement;
  });

  it('says how much the library uses, without a bar while there is no quota', () => {
    fixture.componentRef.setInput('usage', makeUsage({ usedBytes: 1536, count: 1 }));
    fixture.detectChanges();
    expect(text(el)).toBe('Using 1.5 KiB of your storage (1 file)');
    expect(el.querySelector('[role="progressbar"]')).toBeNull();
  });

  it('shows the share of a quota', () => {
    fixture.componentRef.setInput(
      'usage',
      makeUsage({ usedBytes: 256 * 1024 * 1024, count: 3, quotaBytes: 1024 * 1024 * 1024 }),
    );
    fixture.detectChanges();
    expect(text(el.querySelector('[data-testid="media-usage-text"]'))).toBe(
      'Using 256.0 MiB of 1.0 GiB (3 files)',
    );
    expect(el.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')).toBe('25');
  });

  it('says when the usage is unavailable', () => {
    fixture.componentRef.setInput('error', 'HTTP 500');
    fixture.detectChanges();
    expect(text(el)).toBe('Storage usage unavailable');
  });

  it('adds the plan and the render time used this month when it knows them', () => {
    fixture.componentRef.setInput('usage', makeUsage({ usedBytes: 1536, count: 1 }));
    fixture.componentRef.setInput('plan', makePlanUsage());
    fixture.detectChanges();
    expect(text(el.querySelector('[data-testid="media-usage-text"]'))).toBe(
      'Using 1.5 KiB of your storage (1 file)',
    );
    expect(text(el.querySelector('[data-testid="media-usage-plan"]'))).toBe(
      'Plan: Free · render time this month: 12 min of 30 min',
    );

    fixture.componentRef.setInput(
      'plan',
      makePlanUsage({
        tier: { name: 'Unlimited', unlimited: true },
        render: { limitSeconds: null },
      }),
    );
    fixture.detectChanges();
    expect(text(el.querySelector('[data-testid="media-usage-render"]'))).toBe('12 min (unlimited)');

    fixture.componentRef.setInput(
      'plan',
      makePlanUsage({ tier: null, render: { limitSeconds: null } }),
    );
    fixture.detectChanges();
    expect(text(el.querySelector('[data-testid="media-usage-plan-name"]'))).toBe('none');
    expect(text(el.querySelector('[data-testid="media-usage-render"]'))).toBe('12 min (no limit)');
  });
});
