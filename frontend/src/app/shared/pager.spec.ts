import { ChangeDetectionStrategy, Component, computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { text } from '../../testing/fixtures';
import { Pager, type Pageable } from './pager';

@Component({
  imports: [Pager],
  template: `<cf-pager [list]="list" [testId]="testId()" [rangeTestId]="rangeTestId()" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly testId = signal<string | null>('things');
  readonly rangeTestId = signal<string | null>(null);
  readonly page = signal(0);
  readonly list: Pageable = {
    rangeStart: computed(() => this.page() * 10 + 1),
    rangeEnd: computed(() => this.page() * 10 + 10),
    total: signal(25),
    hasPrevious: computed(() => this.page() > 0),
    hasNext: computed(() => this.page() < 2),
    previous: () => this.page.update((p) => p - 1),
    next: () => this.page.update((p) => p + 1),
  };
}

describe('Pager', () => {
  function render() {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    return {
      fixture,
      el,
      pager: el.querySelector('cf-pager') as HTMLElement,
      buttons: () => Array.from(el.querySelectorAll('button')),
    };
  }

  it('shows the range and moves between pages', () => {
    const { fixture, el, pager, buttons } = render();
    expect(pager.getAttribute('role')).toBe('navigation');
    expect(pager.classList).toContain('pager');
    expect(pager.getAttribute('data-testid')).toBe('things-pager');
    expect(text(pager.querySelector('span'))).toBe('1–10 of 25');
    expect(buttons().map((b) => text(b))).toEqual(['← Previous', 'Next →']);
    expect(buttons().map((b) => b.disabled)).toEqual([true, false]);

    (el.querySelector('[data-testid="things-page-next"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(text(pager.querySelector('span'))).toBe('11–20 of 25');
    expect(buttons().map((b) => b.disabled)).toEqual([false, false]);
    (el.querySelector('[data-testid="things-page-previous"]') as HTMLButtonElement).click();
    fixture.detectChanges();
    expect(text(pager.querySelector('span'))).toBe('1–10 of 25');
  });

  it('has no test ids unless asked for', () => {
    const { fixture, el } = render();
    fixture.componentInstance.testId.set(null);
    fixture.detectChanges();
    expect(el.querySelector('[data-testid]')).toBeNull();
    fixture.componentInstance.rangeTestId.set('things-range');
    fixture.detectChanges();
    expect(text(el.querySelector('[data-testid="things-range"]'))).toBe('1–10 of 25');
  });
});
