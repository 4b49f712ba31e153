import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  linkedSignal,
  signal,
  untracked,
} from '@angular/core';
import { Title } from '@angular/platform-browser';
import { Router, RouterLink } from '@angular/router';
import type { CreateProjectRequest, ProjectDto } from '@clippyfront/shared';
import { Subscription } from 'rxjs';
import { apiErrorMessage, apiErrorMessages, isNotFound } from '../../core/api-error';
import { ProjectsService } from '../../core/projects.service';
import { LoadError } from '../../shared/load-error';
import { ArrangeStep } from './arrange/arrange-step';
import { ClipsStep } from './clips-step';
import { CompileStep } from './compile/compile-step';
import { ExportStep } from './export/export-step';
import { outputSummary } from './project-format';
import { ProjectForm } from './project-form';

export type WizardStepKey = 'clips' | 'arrange' | 'compile' | 'export';

export interface WizardStep {
  key: WizardStepKey;
  label: string;
  description: string;
  /** False for steps that later releases add: shown, but they cannot be opened. */
  available: boolean;
}

export const WIZARD_STEPS: readonly WizardStep[] = [
  { key: 'clips', label: 'Clips', description: 'Paste links, download', available: true },
  { key: 'arrange', label: 'Arrange', description: 'Intro, outro, order', available: true },
  { key: 'compile', label: 'Compile', description: 'Render the video', available: true },
  { key: 'export', label: 'Export', description: 'Watch, download, share', available: true },
];

export const COMING_LATER = 'Coming in a later release';

/** The open step from the `?step=` query parameter: an available one, else the first. */
export function stepFromParam(value: string | null | undefined): WizardStepKey {
  const step = WIZARD_STEPS.find((s) => s.key === value && s.available);
  return step?.key ?? 'clips';
}

/** The nearest available step before (-1) or after (+1) `key`, if any: Back and Next. */
export function neighbourStep(key: WizardStepKey, direction: -1 | 1): WizardStep | null {
  const steps = WIZARD_STEPS;
  for (
    let i = steps.findIndex((s) => s.key === key) + direction;
    i >= 0 && i < steps.length;
    i += direction
  ) {
    if (steps[i].available) return steps[i];
  }
  return null;
}

/** A project: its details and the wizard that turns its clips into a compilation. */
@Component({
  selector: 'cf-project-page',
  imports: [ArrangeStep, ClipsStep, CompileStep, ExportStep, LoadError, ProjectForm, RouterLink],
  templateUrl: './project-page.html',
  host: { 'data-testid': 'project-page' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProjectPage {
  private readonly projectsService = inject(ProjectsService);
  private readonly title = inject(Title);
  private readonly router = inject(Router);

  /** `:id` route parameter (bound by the router). */
  readonly id = input.required<string>();
  /** `?step=` query parameter (bound by the router): the step open after a reload. */
  readonly step = input<string | null>(null);

  readonly project = signal<ProjectDto | null>(null);
  readonly notFound = signal(false);
  readonly error = signal<string | null>(null);

  readonly editing = signal(false);
  readonly saving = signal(false);
  readonly saveErrors = signal<readonly string[]>([]);
  readonly saved = signal(false);

  readonly steps = WIZARD_STEPS;
  readonly current = linkedSignal<WizardStepKey>(() => stepFromParam(this.step()));
  readonly previous = computed(() => neighbourStep(this.current(), -1));
  readonly next = computed(() => neighbourStep(this.current(), 1));
  protected readonly comingLater = COMING_LATER;
  protected readonly outputSummary = outputSummary;

  private request?: Subscription;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.project.set(null);
        this.notFound.set(false);
        this.editing.set(false);
        this.saved.set(false);
        this.load(id);
      });
    });
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
  }

  reload(): void {
    this.load(this.id());
  }

  /** Opens the step with this key (from a link inside another step). */
  openStepByKey(key: WizardStepKey): void {
    const step = this.steps.find((s) => s.key === key);
    if (step) this.openStep(step);
  }

  /** Back / Next: opens the step and moves focus to it in the stepper (scrolled into view). */
  goTo(step: WizardStep, stepper: HTMLElement): void {
    this.openStep(step);
    stepper.querySelector<HTMLElement>(`[data-step="${step.key}"] button`)?.focus();
  }

  openStep(step: WizardStep): void {
    if (!step.available) return;
    this.current.set(step.key);
    void this.router.navigate([], {
      queryParams: { step: step.key === 'clips' ? null : step.key },
      queryParamsHandling: 'merge',
      replaceUrl: true,
    });
  }

  startEditing(): void {
    this.saveErrors.set([]);
    this.saved.set(false);
    this.editing.set(true);
  }

  cancelEditing(): void {
    this.editing.set(false);
  }

  save(changes: CreateProjectRequest): void {
    const project = this.project();
    if (!project || this.saving()) return;
    if (Object.keys(changes).length === 0) {
      this.editing.set(false);
      return;
    }
    this.saving.set(true);
    this.saveErrors.set([]);
    this.projectsService.update(project.id, changes).subscribe({
      next: (updated) => {
        this.saving.set(false);
        this.editing.set(false);
        this.saved.set(true);
        this.show(updated);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.saveErrors.set(apiErrorMessages(err));
      },
    });
  }

  /** The clips step read the list: keep the count in the header current. */
  onClipCount(count: number): void {
    const project = this.project();
    if (project && project.clipCount !== count) this.project.set({ ...project, clipCount: count });
  }

  private load(id: string): void {
    this.request?.unsubscribe();
    this.error.set(null);
    this.request = this.projectsService.get(id).subscribe({
      next: (project) => this.show(project),
      error: (err: unknown) => {
        if (isNotFound(err)) this.notFound.set(true);
        else this.error.set(apiErrorMessage(err));
      },
    });
  }

  private show(project: ProjectDto): void {
    this.project.set(project);
    this.error.set(null);
    this.title.setTitle(`${project.name} · Projects · ClippyFront`);
  }
}
