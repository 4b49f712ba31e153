import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { debounceTime, distinctUntilChanged, map, Subject } from 'rxjs';

/** Typing in a search bar is applied once the user pauses this long. */
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * The toolbar above a searchable list: the search field and, while the list loads, a note.
 * `searched` emits the trimmed text once the user pauses typing, and only when it differs from
 * the text it emitted last.
 */
@Component({
  selector: 'cf-search-bar',
  template: `
    <label class="field field--grow toolbar__search">
      <span class="visually-hidden">{{ label() }}</span>
      <input
        #box
        class="input"
        type="search"
        autocomplete="off"
        spellcheck="false"
        [attr.placeholder]="placeholder()"
        [attr.data-testid]="testId()"
        (input)="typed.next(box.value)"
      />
    </label>
    @if (loading()) {
      <span class="muted" aria-live="polite">Loading…</span>
    }
  `,
  host: { class: 'toolbar' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SearchBar {
  /** For screen readers; the placeholder shows what to type. */
  readonly label = input.required<string>();
  readonly placeholder = input.required<string>();
  readonly testId = input<string | null>(null);
  readonly loading = input(false);

  readonly searched = output<string>();

  protected readonly typed = new Subject<string>();

  constructor() {
    this.typed
      .pipe(
        debounceTime(SEARCH_DEBOUNCE_MS),
        map((value) => value.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((text) => this.searched.emit(text));
  }
}
