import { ChangeDetectionStrategy, Component, input, type Signal } from '@angular/core';

/** What the pager shows and drives; a `PagedList` is one. */
export interface Pageable {
  readonly rangeStart: Signal<number>;
  readonly rangeEnd: Signal<number>;
  readonly total: Signal<number>;
  readonly hasPrevious: Signal<boolean>;
  readonly hasNext: Signal<boolean>;
  previous(): void;
  next(): void;
}

/**
 * "X–Y of N" and the previous/next buttons under a paged list. Test ids derive from `testId`:
 * `<testId>-pager` (the host), `<testId>-page-previous`, `<testId>-page-next`; none without it.
 */
@Component({
  selector: 'cf-pager',
  template: `
    <span class="muted" [attr.data-testid]="rangeTestId()"
      >{{ list().rangeStart() }}–{{ list().rangeEnd() }} of {{ list().total() }}</span
    >
    <div class="actions">
      <button
        type="button"
        class="btn btn--small"
        [attr.data-testid]="testIdOf('page-previous')"
        [disabled]="!list().hasPrevious()"
        (click)="list().previous()"
      >
        {{ previousLabel() }}
      </button>
      <button
        type="button"
        class="btn btn--small"
        [attr.data-testid]="testIdOf('page-next')"
        [disabled]="!list().hasNext()"
        (click)="list().next()"
      >
        {{ nextLabel() }}
      </button>
    </div>
  `,
  host: {
    class: 'pager',
    role: 'navigation',
    'aria-label': 'Pages',
    '[attr.data-testid]': 'testIdOf("pager")',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Pager {
  readonly list = input.required<Pageable>();
  readonly previousLabel = input('← Previous');
  readonly nextLabel = input('Next →');
  readonly testId = input<string | null>(null);
  /** Test id of the "X–Y of N" text, if it needs one. */
  readonly rangeTestId = input<string | null>(null);

  protected testIdOf(suffix: string): string | null {
    const prefix = this.testId();
    return prefix === null ? null : `${prefix}-${suffix}`;
  }
}
