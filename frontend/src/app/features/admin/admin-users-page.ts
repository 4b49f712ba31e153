import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { UserDto } from '@clippyfront/shared';
import { AdminUsersService } from '../../core/admin-users.service';
import { apiErrorMessage } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { RelativeTimePipe } from '../../shared/format';
import { LoadError } from '../../shared/load-error';
import { PagedList } from '../../shared/paged-list';
import { Pager } from '../../shared/pager';
import { SEARCH_DEBOUNCE_MS, SearchBar } from '../../shared/search-bar';

export const ADMIN_USERS_PAGE_SIZE = 20;
export const ADMIN_SEARCH_DEBOUNCE_MS = SEARCH_DEBOUNCE_MS;

@Component({
  selector: 'cf-admin-users-page',
  imports: [DatePipe, LoadError, Pager, RouterLink, RelativeTimePipe, SearchBar],
  templateUrl: './admin-users-page.html',
  host: { 'data-testid': 'admin-users' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminUsersPage {
  private readonly usersService = inject(AdminUsersService);
  private readonly auth = inject(AuthService);

  readonly now = signal(Date.now());
  /** The applied (debounced, trimmed) search. */
  readonly search = signal('');
  readonly users = new PagedList<string, UserDto>({
    pageSize: ADMIN_USERS_PAGE_SIZE,
    query: this.search,
    fetch: (search, range) => this.usersService.list({ search, ...range }),
    loaded: () => this.now.set(Date.now()),
  });

  readonly actionError = signal<string | null>(null);
  /** Id of the user whose active flag is being changed. */
  readonly toggling = signal<string | null>(null);

  readonly meId = computed(() => this.auth.user()?.id ?? null);

  /** A new search starts from the first page. */
  onSearch(search: string): void {
    this.search.set(search);
    this.users.page.set(0);
  }

  /** Quick disable/enable from the list. */
  toggleActive(user: UserDto): void {
    if (this.toggling()) return;
    this.toggling.set(user.id);
    this.actionError.set(null);
    this.usersService.update(user.id, { isActive: !user.isActive }).subscribe({
      next: (updated) => {
        this.toggling.set(null);
        this.users.items.update((list) => list.map((u) => (u.id === updated.id ? updated : u)));
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
}
