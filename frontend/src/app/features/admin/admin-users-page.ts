import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import type { UserDto } from '@clippyfront/shared';
import { debounceTime, distinctUntilChanged, map, Subject, Subscription } from 'rxjs';
import { AdminUsersService } from '../../core/admin-users.service';
import { apiErrorMessage } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { RelativeTimePipe } from '../../shared/format';

export const ADMIN_USERS_PAGE_SIZE = 20;
export const ADMIN_SEARCH_DEBOUNCE_MS = 300;

@Component({
  selector: 'cf-admin-users-page',
  imports: [DatePipe, RouterLink, RelativeTimePipe],
  templateUrl: './admin-users-page.html',
  host: { 'data-testid': 'admin-users' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminUsersPage {
  private readonly usersService = inject(AdminUsersService);
  private readonly auth = inject(AuthService);

  readonly pageSize = ADMIN_USERS_PAGE_SIZE;
  /** The applied (debounced, trimmed) search. */
  readonly search = signal('');
  /** Zero-based page. */
  readonly page = signal(0);

  readonly users = signal<UserDto[]>([]);
  readonly total = signal(0);
  readonly loaded = signal(false);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly actionError = signal<string | null>(null);
  /** Id of the user whose active flag is being changed. */
  readonly toggling = signal<string | null>(null);
  readonly now = signal(Date.now());

  readonly meId = computed(() => this.auth.user()?.id ?? null);
  readonly rangeStart = computed(() => (this.total() === 0 ? 0 : this.page() * this.pageSize + 1));
  readonly rangeEnd = computed(() => this.page() * this.pageSize + this.users().length);
  readonly hasPrevious = computed(() => this.page() > 0);
  readonly hasNext = computed(() => (this.page() + 1) * this.pageSize < this.total());

  private readonly typed = new Subject<string>();
  private request?: Subscription;

  constructor() {
    this.typed
      .pipe(
        debounceTime(ADMIN_SEARCH_DEBOUNCE_MS),
        map((value) => value.trim()),
        distinctUntilChanged(),
        takeUntilDestroyed(),
      )
      .subscribe((search) => {
        this.search.set(search);
        this.page.set(0);
      });
    effect(() => {
      const search = this.search();
      const page = this.page();
      untracked(() => this.load(search, page));
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  onSearchInput(value: string): void {
    this.typed.next(value);
  }

  reload(): void {
    this.load(this.search(), this.page());
  }

  previousPage(): void {
    if (this.hasPrevious()) this.page.update((p) => p - 1);
  }

  nextPage(): void {
    if (this.hasNext()) this.page.update((p) => p + 1);
  }

  /** Quick disable/enable from the list. */
  toggleActive(user: UserDto): void {
    if (this.toggling()) return;
    this.toggling.set(user.id);
    this.actionError.set(null);
    this.usersService.update(user.id, { isActive: !user.isActive }).subscribe({
      next: (updated) => {
        this.toggling.set(null);
        this.users.update((list) => list.map((u) => (u.id === updated.id ? updated : u)));
        if (updated.id === this.meId()) this.auth.setUser(updated);
      },
      error: (err: unknown) => {
        this.toggling.set(null);
        this.actionError.set(
          `Could not ${user.isActive ? 'disable' : 'enable'} ${user.username}: ${apiErrorMessage(err)}`,
        );
      },
    });
  }

  private load(search: string, page: number): void {
    this.request?.unsubscribe();
    this.loading.set(true);
    this.request = this.usersService
      .list({ search, limit: this.pageSize, offset: page * this.pageSize })
      .subscribe({
        next: (list) => {
          this.users.set(list.items);
          this.total.set(list.total);
          this.now.set(Date.now());
          this.error.set(null);
          this.loaded.set(true);
          this.loading.set(false);
        },
        error: (err: unknown) => {
          this.error.set(apiErrorMessage(err));
          this.loading.set(false);
        },
      });
  }
}
