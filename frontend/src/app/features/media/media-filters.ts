import { ChangeDetectionStrategy, Component, model, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { MEDIA_TYPES, type MediaSort, type MediaType } from '@clippyfront/shared';
import { debounceTime, Subject } from 'rxjs';
import { MEDIA_SORT_OPTIONS, MEDIA_TYPE_LABELS } from './media-format';
import { isValidTag, normalizeTag } from './tag-rules';

export interface MediaFilters {
  type: MediaType | null;
  /** One tag, normalized; '' = any. */
  tag: string;
  /** Text in the name; '' = any. */
  q: string;
  sort: MediaSort;
}

export const DEFAULT_MEDIA_FILTERS: MediaFilters = { type: null, tag: '', q: '', sort: 'newest' };
/** Typing in the search or tag field is applied once the user pauses this long. */
export const MEDIA_FILTER_DEBOUNCE_MS = 300;

/** Type, tag, text search and sort for the library (two-way bound `filters`). */
@Component({
  selector: 'cf-media-filters',
  templateUrl: './media-filters.html',
  host: { class: 'toolbar media-filters', role: 'search', 'aria-label': 'Filter media' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaFiltersBar {
  readonly filters = model.required<MediaFilters>();
  readonly tagError = signal<string | null>(null);

  protected readonly types = MEDIA_TYPES.map((value) => ({
    value,
    label: MEDIA_TYPE_LABELS[value],
  }));
  protected readonly sorts = MEDIA_SORT_OPTIONS;

  private readonly typed = new Subject<void>();
  private searchText = '';
  private tagText = '';

  constructor() {
    this.typed
      .pipe(debounceTime(MEDIA_FILTER_DEBOUNCE_MS), takeUntilDestroyed())
      .subscribe(() => this.applyText());
  }

  onSearchInput(value: string): void {
    this.searchText = value;
    this.typed.next();
  }

  onTagInput(value: string): void {
    this.tagText = value;
    this.typed.next();
  }

  setType(value: string): void {
    const type = (MEDIA_TYPES as readonly string[]).includes(value) ? (value as MediaType) : null;
    this.update({ type });
  }

  setSort(value: string): void {
    const sort = this.sorts.find((s) => s.value === value)?.value;
    if (sort) this.update({ sort });
  }

  private applyText(): void {
    const tag = normalizeTag(this.tagText);
    const tagOk = tag === '' || isValidTag(tag);
    this.tagError.set(tagOk ? null : 'A tag is 1–32 letters, digits, spaces, _ . -');
    this.update({ q: this.searchText.trim(), ...(tagOk ? { tag } : {}) });
  }

  private update(changes: Partial<MediaFilters>): void {
    const current = this.filters();
    const next = { ...current, ...changes };
    const same = (Object.keys(next) as (keyof MediaFilters)[]).every((k) => next[k] === current[k]);
    if (!same) this.filters.set(next);
  }
}
