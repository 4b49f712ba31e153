import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { AdminProjectDto } from '@clippyfront/shared';
import { AdminProjectsService } from '../../core/admin-projects.service';
import { apiErrorMessages } from '../../core/api-error';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { RelativeTimePipe } from '../../shared/format';
import { LoadError } from '../../shared/load-error';
import { PagedList } from '../../shared/paged-list';
import { Pager } from '../../shared/pager';
import { SearchBar } from '../../shared/search-bar';
import { StateBadge } from '../../shared/state-badge';

export const ADMIN_PROJECTS_PAGE_SIZE = 20;

/**
 * Admin → Projects: every user's projects. A project opens read-only in the console; deleting
 * asks first.
 */
@Component({
  selector: 'cf-admin-projects-page',
  imports: [
    ConfirmDialog,
    DatePipe,
    LoadError,
    Pager,
    RelativeTimePipe,
    RouterLink,
    SearchBar,
    StateBadge,
  ],
  templateUrl: './admin-projects-page.html',
  host: { 'data-testid': 'admin-projects' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminProjectsPage {
  private readonly projectsService = inject(AdminProjectsService);

  readonly now = signal(Date.now());
  readonly search = signal('');
  readonly projects = new PagedList<string, AdminProjectDto>({
    pageSize: ADMIN_PROJECTS_PAGE_SIZE,
    query: this.search,
    fetch: (q, range) => this.projectsService.list({ q, ...range }),
    loaded: () => this.now.set(Date.now()),
  });

  readonly deleting = signal<AdminProjectDto | null>(null);
  readonly deleteBusy = signal(false);
  readonly deleteError = signal<string | null>(null);
  readonly deleted = signal<string | null>(null);

  onSearch(search: string): void {
    this.search.set(search);
  }

  askDelete(project: AdminProjectDto): void {
    this.deleted.set(null);
    this.deleteError.set(null);
    this.deleting.set(project);
  }

  cancelDelete(): void {
    if (this.deleteBusy()) return;
    this.deleting.set(null);
    this.deleteError.set(null);
  }

  confirmDelete(): void {
    const project = this.deleting();
    if (!project || this.deleteBusy()) return;
    this.deleteBusy.set(true);
    this.deleteError.set(null);
    this.projectsService.delete(project.id).subscribe({
      next: () => {
        this.deleteBusy.set(false);
        this.deleting.set(null);
        this.deleted.set(`Deleted “${project.name}” of ${project.ownerUsername}.`);
        this.projects.reload();
      },
      error: (err: unknown) => {
        this.deleteBusy.set(false);
        this.deleteError.set(apiErrorMessages(err).join(' '));
      },
    });
  }
}
