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
import { Router, RouterLink } from '@angular/router';
import type { CreateProjectRequest, ProjectDto } from '@clippyfront/shared';
import { debounceTime, distinctUntilChanged, map, Subject, Subscription } from 'rxjs';
import { apiErrorMessage, apiErrorMessages } from '../../core/api-error';
import { ProjectsService } from '../../core/projects.service';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { RelativeTimePipe } from '../../shared/format';
import { outputSummary } from './project-format';
import { ProjectForm } from './project-form';

export const PROJECTS_PAGE_SIZE = 20;
export const PROJECT_SEARCH_DEBOUNCE_MS = 300;

/** The caller's projects: search, pages, create (then open it), delete after confirmation. */
@Component({
  selector: 'cf-projects-list-page',
  imports: [ConfirmDialog, DatePipe, ProjectForm, RelativeTimePipe, RouterLink],
  templateUrl: './projects-list-page.html',
  host: { 'data-testid': 'projects-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectsListPage {
  private readonly projectsService = inject(ProjectsService);
  private readonly router = inject(Router);

  readonly pageSize = PROJECTS_PAGE_SIZE;
  /** The applied (debounced, trimmed) search. */
  readonly search = signal('');
  /** Zero-based page. */
  readonly page = signal(0);

  readonly projects = signal<readonly ProjectDto[]>([]);
  readonly total = signal(0);
  readonly loaded = signal(false);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly now = signal(Date.now());

  readonly creating = signal(false);
  readonly createBusy = signal(false);
  readonly createErrors = signal<readonly string[]>([]);

  readonly deleting = signal<ProjectDto | null>(null);
  readonly deleteBusy = signal(false);
  readonly deleteError = signal<string | null>(null);
  readonly deleted = signal<string | null>(null);

  readonly rangeStart = computed(() => (this.total() === 0 ? 0 : this.page() * this.pageSize + 1));
  readonly rangeEnd = computed(() => this.page() * this.pageSize + this.projects().length);
  readonly hasPrevious = computed(() => this.page() > 0);
  readonly hasNext = computed(() => (this.page() + 1) * this.pageSize < this.total());

  protected readonly outputSummary = outputSummary;

  private readonly typed = new Subject<string>();
  private request?: Subscription;

  constructor() {
    this.typed
      .pipe(
        debounceTime(PROJECT_SEARCH_DEBOUNCE_MS),
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
        if (this.projects().length === 1 && this.page() > 0) this.page.update((p) => p - 1);
        else this.reload();
      },
      error: (err: unknown) => {
        this.deleteBusy.set(false);
        this.deleteError.set(apiErrorMessage(err));
      },
    });
  }

  private load(search: string, page: number): void {
    this.request?.unsubscribe();
    this.loading.set(true);
    this.request = this.projectsService
      .list({ q: search, limit: this.pageSize, offset: page * this.pageSize })
      .subscribe({
        next: (list) => {
          this.projects.set(list.items);
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
