import {
  computed,
  DestroyRef,
  effect,
  inject,
  linkedSignal,
  signal,
  untracked,
  type Signal,
  type WritableSignal,
} from '@angular/core';
import type { Observable, Subscription } from 'rxjs';
import { apiErrorMessage } from '../core/api-error';

/** One page of a list, as the API answers a `limit`/`offset` request. */
export interface ListPage<T> {
  items: T[];
  total: number;
}

export interface PagedListOptions<Q, T> {
  pageSize: number;
  /** What to list (search, filters); when it changes the list starts again at the first page. */
  query: Signal<Q>;
  fetch: (query: Q, range: { limit: number; offset: number }) => Observable<ListPage<T>>;
  /** Called when another query or page is chosen, before it is requested (not on reload). */
  pageChanged?: () => void;
  /** Called after a page arrived and was stored. */
  loaded?: (items: readonly T[]) => void;
  /** Called after a request failed and its message was stored. */
  failed?: () => void;
}

/**
 * The state of a list the API hands out page by page: the query, the zero-based page, the items
 * of that page, the total, loading and error. A new query or page is requested at once (the one
 * before is cancelled). Create it in an injection context (a component field).
 */
export class PagedList<Q, T> {
  readonly pageSize: number;
  /** Zero-based; back to the first page whenever the query changes. */
  readonly page: WritableSignal<number>;
  readonly items = signal<readonly T[]>([]);
  readonly total = signal(0);
  /** True once a first page has arrived. */
  readonly loaded = signal(false);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);

  private readonly offset = computed(() => this.page() * this.pageSize);
  readonly rangeStart = computed(() => (this.total() === 0 ? 0 : this.offset() + 1));
  readonly rangeEnd = computed(() => this.offset() + this.items().length);
  readonly hasPrevious = computed(() => this.page() > 0);
  readonly hasNext = computed(() => this.offset() + this.pageSize < this.total());
  /** There is another page to go to: worth showing a pager. */
  readonly hasOtherPages = computed(() => this.hasPrevious() || this.hasNext());

  private request?: Subscription;
  private reloadTimer?: ReturnType<typeof setTimeout>;

  constructor(private readonly options: PagedListOptions<Q, T>) {
    this.pageSize = options.pageSize;
    this.page = linkedSignal<Q, number>({ source: options.query, computation: () => 0 });
    effect(() => {
      const query = options.query();
      const page = this.page();
      untracked(() => {
        options.pageChanged?.();
        this.load(query, page);
      });
    });
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  previous(): void {
    if (this.hasPrevious()) this.page.update((p) => p - 1);
  }

  next(): void {
    if (this.hasNext()) this.page.update((p) => p + 1);
  }

  /** Requests the shown page again. */
  reload(): void {
    this.load(this.options.query(), this.page());
  }

  /** Reloads after `ms`, to follow items that change; a request started before then cancels it. */
  reloadAfter(ms: number): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = setTimeout(() => this.reload(), ms);
  }

  private load(query: Q, page: number): void {
    this.stop();
    this.loading.set(true);
    this.request = this.options
      .fetch(query, { limit: this.pageSize, offset: page * this.pageSize })
      .subscribe({
        next: (list) => {
          this.items.set(list.items);
          this.total.set(list.total);
          this.error.set(null);
          this.loaded.set(true);
          this.loading.set(false);
          this.options.loaded?.(list.items);
        },
        error: (err: unknown) => {
          this.error.set(apiErrorMessage(err));
          this.loading.set(false);
          this.options.failed?.();
        },
      });
  }

  private stop(): void {
    clearTimeout(this.reloadTimer);
    this.reloadTimer = undefined;
    this.request?.unsubscribe();
  }
}
