import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { CreateProjectRequest, ProjectDto } from '@clippyfront/shared';
import { apiErrorMessage, apiErrorMessages } from '../../core/api-error';
import { ProjectsService } from '../../core/projects.service';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { RelativeTimePipe } from '../../shared/format';
import { LoadError } from '../../shared/load-error';
import { PagedList } from '../../shared/paged-list';
import { Pager } from '../../shared/pager';
import { SEARCH_DEBOUNCE_MS, SearchBar } from '../../shared/search-bar';
import { outputSummary } from './project-format';
import { ProjectForm } from './project-form';

export const PROJECTS_PAGE_SIZE = 20;
export const PROJECT_SEARCH_DEBOUNCE_MS = SEARCH_DEBOUNCE_MS;

/** The caller's projects: search, pages, create (then open it), delete after confirmation. */
@Component({
  selector: 'cf-projects-list-page',
  imports: [
    ConfirmDialog,
    DatePipe,
    LoadError,
    Pager,
    ProjectForm,
    RelativeTimePipe,
    RouterLink,
    SearchBar,
  ],
  templateUrl: './projects-list-page.html',
  host: { 'data-testid': 'projects-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectsListPage {
  private readonly projectsService = inject(ProjectsService);
  private readonly router = inject(Router);

  readonly now = signal(Date.now());
  /** The applied (debounced, trimmed) search. */
  readonly search = signal('');
  readonly projects = new PagedList<string, ProjectDto>({
    pageSize: PROJECTS_PAGE_SIZE,
    query: this.search,
    fetch: (q, range) => this.projectsService.list({ q, ...range }),
    loaded: () => this.now.set(Date.now()),
  });

  readonly creating = signal(false);
  readonly createBusy = signal(false);
  readonly createErrors = signal<readonly string[]>([]);

  readonly deleting = signal<ProjectDto | null>(null);
  readonly deleteBusy = signal(false);
  readonly deleteError = signal<string | null>(null);
  readonly deleted = signal<string | null>(null);

  protected readonly outputSummary = outputSummary;

  /** A new search starts from the first page. */
  onSearch(search: string): void {
    this.search.set(search);
    this.projects.page.set(0);
  }

  openCreate(): void {
    this.createErrors.set([]);
    this.creating.set(true);
  }

  cancelCreate(): void {
    this.creating.set(false);
  }

  /** Creates the project and opens it on its first step (adding clips). */
  create(request: CreateProjectRequest): void {
    if (this.createBusy()) return;
    this.createBusy.set(true);
    this.createErrors.set([]);
    this.projectsService.create(request).subscribe({
      next: (project) => {
        this.createBusy.set(false);
        this.creating.set(false);
        void this.router.navigate(['/projects', project.id]);
      },
      error: (err: unknown) => {
        this.createBusy.set(false);
        this.createErrors.set(apiErrorMessages(err));
      },
    });
  }

  requestDelete(project: ProjectDto): void {
    this.deleteError.set(null);
    this.deleted.set(null);
    this.deleting.set(project);
  }

  cancelDelete(): void {
    this.deleting.set(null);
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
        this.deleted.set(`Deleted “${project.name}”.`);
        // The last item of a later page: show the page before it.
        if (this.projects.items().length === 1 && this.projects.hasPrevious()) {
          this.projects.previous();
        } else {
          this.projects.reload();
        }
      },
      error: (err: unknown) => {
        this.deleteBusy.set(false);
        this.deleteError.set(apiErrorMessage(err));
      },
    });
  }
}
