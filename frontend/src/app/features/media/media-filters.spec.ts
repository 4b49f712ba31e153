import { Component, signal } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { choose, text } from '../../../testing/fixtures';
import {
  DEFAULT_MEDIA_FILTERS,
  MEDIA_FILTER_DEBOUNCE_MS,
  MediaFiltersBar,
  type MediaFilters,
} from './media-filters';

@Component({
  imports: [MediaFiltersBar],
  template: `<cf-media-filters [(filters)]="filters" />`,
})
class Host {
  readonly filters = signal<MediaFilters>(DEFAULT_MEDIA_FILTERS);
}

describe('MediaFiltersBar', () => {
  let fixture: ComponentFixture<Host>;
  let el: HTMLElement;

  const byTestId = (id: string) => el.querySelector(`[data-testid="${id}"]`);
  const filters = () => fixture.componentInstance.filters();

  function type(id: string, value: string): void {
    const input = byTestId(id) as HTMLInputElement;
    input.value = value;
    input.dispatchEvent(new Event('input'));
  }

  beforeEach(() => {
    jest.useFakeTimers();
    fixture = TestBed.createComponent(Host);
    el = fixture.nativeElement as HTMLElement;
    fixture.detectChanges();
  });

  afterEach(() => jest.useRealTimers());

  it('applies the type and the sort at once', () => {
    choose(byTestId('media-filter-type'), 'outro');
    expect(filters().type).toBe('outro');
    choose(byTestId('media-sort'), 'size');
    expect(filters()).toEqual({ ...DEFAULT_MEDIA_FILTERS, type: 'outro', sort: 'size' });
    choose(byTestId('media-filter-type'), '');
    expect(filters().type).toBeNull();
  });

  it('applies the search once typing pauses, trimmed', () => {
    type('media-search', ' bo');
    type('media-search', ' boss ');
    jest.advanceTimersByTime(MEDIA_FILTER_DEBOUNCE_MS - 1);
    expect(filters().q).toBe('');
    jest.advanceTimersByTime(1);
    expect(filters().q).toBe('boss');
  });

  it('applies a valid tag normalized, and refuses an invalid one', () => {
    type('media-filter-tag', ' Funny ');
    jest.advanceTimersByTime(MEDIA_FILTER_DEBOUNCE_MS);
    expect(filters().tag).toBe('funny');

    type('media-filter-tag', 'no#tag');
    jest.advanceTimersByTime(MEDIA_FILTER_DEBOUNCE_MS);
    fixture.detectChanges();
    expect(filters().tag).toBe('funny');
    expect(text(byTestId('media-filter-tag-error'))).toContain('1–32 letters');

    type('media-filter-tag', '');
    jest.advanceTimersByTime(MEDIA_FILTER_DEBOUNCE_MS);
    fixture.detectChanges();
    expect(filters().tag).toBe('');
    expect(byTestId('media-filter-tag-error')).toBeNull();
  });

  it('labels every control', () => {
    for (const id of ['media-search', 'media-filter-type', 'media-filter-tag', 'media-sort']) {
      expect(byTestId(id)?.closest('label')?.querySelector('.field__label')).not.toBeNull();
    }
  });
});
