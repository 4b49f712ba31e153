import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { text } from '../../testing/fixtures';
import { TestBed } from '@angular/core/testing';
import { SEARCH_DEBOUNCE_MS, SearchBar } from './search-bar';

@Component({
  imports: [SearchBar],
  template: `
    <cf-search-bar
      label="Search things"
      placeholder="Name contains…"
      testId="things-search"
      [loading]="loading()"
      (searched)="searches.push($event)"
    />
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly searches: string[] = [];
  readonly loading = signal(false);
}

describe('SearchBar', () => {
  afterEach(() => jest.useRealTimers());

  it('emits the trimmed text once typing pauses, and only when it changed', () => {
    jest.useFakeTimers();
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const box = el.querySelector('[data-testid="things-search"]') as HTMLInputElement;
    expect(box.type).toBe('search');
    expect(box.placeholder).toBe('Name contains…');
    expect(box.closest('label')?.textContent).toContain('Search things');

    const type = (value: string, wait: number) => {
      box.value = value;
      box.dispatchEvent(new Event('input'));
      jest.advanceTimersByTime(wait);
    };
    type('b', SEARCH_DEBOUNCE_MS - 1);
    type('bo ', SEARCH_DEBOUNCE_MS - 1);
    expect(fixture.componentInstance.searches).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(fixture.componentInstance.searches).toEqual(['bo']);
    type(' bo', SEARCH_DEBOUNCE_MS);
    type('', SEARCH_DEBOUNCE_MS);
    expect(fixture.componentInstance.searches).toEqual(['bo', '']);
  });

  it('says when the list is loading', () => {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    const bar = (fixture.nativeElement as HTMLElement).querySelector('cf-search-bar')!;
    expect(bar.classList).toContain('toolbar');
    expect(text(bar)).not.toContain('Loading…');
    fixture.componentInstance.loading.set(true);
    fixture.detectChanges();
    expect(text(bar.querySelector('[aria-live="polite"]'))).toBe('Loading…');
  });
});
