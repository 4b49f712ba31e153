import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import type { ClipDto, CompilationDto, ProjectDto, TimelineClipDto } from '@clippyfront/shared';
import { HttpErrorResponse } from '@angular/common/http';
import { forkJoin, type Subscription } from 'rxjs';
import { AdminProjectsService } from '../../core/admin-projects.service';
import { apiErrorMessages } from '../../core/api-error';
import { ClipsService } from '../../core/clips.service';
import { ProjectsService } from '../../core/projects.service';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { DurationPipe } from '../../shared/format';
import { LoadError } from '../../shared/load-error';
import { ArrangementService } from '../projects/arrange/arrangement.service';
import { CompilationHistory } from '../projects/compile/compilation-history';
import { CompilationsService } from '../projects/compile/compilations.service';

/**
 * Admin → Projects → one project, read-only: its settings, clips, timeline and compilations.
 * The only action is deleting it.
 */
@Component({
  selector: 'cf-admin-project-view-page',
  imports: [CompilationHistory, ConfirmDialog, DurationPipe, LoadError, RouterLink],
  templateUrl: './admin-project-view-page.html',
  host: { 'data-testid': 'admin-project-view' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminProjectViewPage {
  private readonly projectsService = inject(ProjectsService);
  private readonly adminProjects = inject(AdminProjectsService);
  private readonly clipsService = inject(ClipsService);
  private readonly arrangementService = inject(ArrangementService);
  private readonly compilationsService = inject(CompilationsService);
  private readonly router = inject(Router);

  /** `:id` route parameter (bound by the router). */
  readonly id = input.required<string>();

  readonly project = signal<ProjectDto | null>(null);
  readonly owner = signal<string | null>(null);
  readonly clips = signal<ClipDto[]>([]);
  readonly timeline = signal<TimelineClipDto[]>([]);
  readonly timelineSeconds = signal(0);
  readonly compilations = signal<CompilationDto[]>([]);
  readonly notFound = signal(false);
  readonly loadError = signal<string | null>(null);

  readonly confirmingDelete = signal(false);
  readonly deleteBusy = signal(false);
  readonly deleteError = signal<string | null>(null);

  private request?: Subscription;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => this.load(id));
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  reload(): void {
    this.load(this.id());
  }

  askDelete(): void {
    this.deleteError.set(null);
    this.confirmingDelete.set(true);
  }

  cancelDelete(): void {
    if (this.deleteBusy()) return;
    this.confirmingDelete.set(false);
  }

  confirmDelete(): void {
    if (this.deleteBusy()) return;
    this.deleteBusy.set(true);
    this.deleteError.set(null);
    this.adminProjects.delete(this.id()).subscribe({
      next: () => {
        this.deleteBusy.set(false);
        this.confirmingDelete.set(false);
        void this.router.navigateByUrl('/admin/projects');
      },
      error: (err: unknown) => {
        this.deleteBusy.set(false);
        this.deleteError.set(apiErrorMessages(err).join(' '));
      },
    });
  }

  private load(id: string): void {
    this.request?.unsubscribe();
    this.notFound.set(false);
    this.loadError.set(null);
    this.project.set(null);
    this.owner.set(null);
    this.request = forkJoin({
      project: this.projectsService.get(id),
      clips: this.clipsService.list(id),
      timeline: this.arrangementService.timeline(id),
      compilations: this.compilationsService.list(id),
    }).subscribe({
      next: ({ project, clips, timeline, compilations }) => {
        this.project.set(project);
        this.clips.set(clips.items);
        this.timeline.set(timeline.items);
        this.timelineSeconds.set(timeline.totalSeconds);
        this.compilations.set(compilations.items);
        this.loadOwner(project);
      },
      error: (err: unknown) => {
        if (err instanceof HttpErrorResponse && err.status === 404) this.notFound.set(true);
        else this.loadError.set(apiErrorMessages(err).join(' '));
      },
    });
  }

  /** The project's own GET has no owner: the admin list, searched by name, has it. */
  private loadOwner(project: ProjectDto): void {
    this.adminProjects.list({ q: project.name, limit: 100 }).subscribe({
      next: (list) =>
        this.owner.set(list.items.find((item) => item.id === project.id)?.ownerUsername ?? null),
      error: () => this.owner.set(null),
    });
  }
}
