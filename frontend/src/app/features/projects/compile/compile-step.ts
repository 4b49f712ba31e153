import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import {
  defaultCompileSettings,
  type CompileSettingsDto,
  type JobDto,
  type ProjectOutputSettings,
  type RenderReadinessDto,
  type TimelineDto,
  type UsageDto,
} from '@clippyfront/shared';
import { forkJoin, type Observable, type Subscription } from 'rxjs';
import { apiErrorMessage, apiErrorMessages, hasStatus, isNotFound } from '../../../core/api-error';
import { HealthService } from '../../../core/health.service';
import { isJobActive, JobsService } from '../../../core/jobs.service';
import { UsageService } from '../../../core/usage.service';
import { renderSecondsLeft } from '../../../shared/plan-format';
import { FormErrors } from '../../../shared/form-errors';
import { RenderNotice } from '../../../shared/render-notice';
import { StateBadge } from '../../../shared/state-badge';
import { estimateRunningTime } from '../arrange/arrange-format';
import { ArrangementService } from '../arrange/arrangement.service';
import { ArrangedMediaService, type ArrangedMedia } from './arranged-media.service';
import { CompilationFailed } from './compilation-failed';
import { CompilationHistory } from './compilation-history';
import { CompilationProgress } from './compilation-progress';
import { CompilationResult } from './compilation-result';
import { CompilationsService } from './compilations.service';
import { CompileBudget } from './compile-budget';
import { clipCapReason, renderQuotaReason, type OutputCaps } from './compile-caps';
import { CompileForm } from './compile-form';
import {
  compileSettingsSummary,
  rendersOf,
  timelineSummary,
  type RenderedCompilation,
} from './compile-format';

/** While a compile is queued or running, its job and the list are read this often. */
export const COMPILE_POLL_MS = 1_000;

export const EMPTY_TIMELINE_REASON = 'The timeline is empty: put clips on it in the Arrange step.';
export const BUSY_REASON = 'This project is being compiled: wait until it finishes, or cancel it.';

type Action = 'cancel' | 'retry';

/**
 * The wizard's Compile step: render settings and the Compile button; the latest compilation
 * followed live while it renders (progress, stage, cancel), its error and Retry when it failed,
 * or the video with its downloads and chapters when done; and the earlier compilations.
 */
@Component({
  selector: 'cf-compile-step',
  imports: [
    CompilationFailed,
    CompilationHistory,
    CompilationProgress,
    CompilationResult,
    CompileBudget,
    CompileForm,
    FormErrors,
    RenderNotice,
    StateBadge,
  ],
  templateUrl: './compile-step.html',
  host: { class: 'compile-step', 'data-testid': 'compile-step' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompileStep {
  private readonly compilationsService = inject(CompilationsService);
  private readonly arrangementService = inject(ArrangementService);
  private readonly jobsService = inject(JobsService);
  private readonly usageService = inject(UsageService);
  private readonly arrangedMediaService = inject(ArrangedMediaService);
  private readonly healthService = inject(HealthService);

  readonly projectId = input.required<string>();
  /** The project's output settings: where the form's settings start. */
  readonly output = input<ProjectOutputSettings | null>(null);

  /** The user asked to open the Arrange step (the timeline is empty). */
  readonly arrange = output<void>();

  readonly loaded = signal(false);
  readonly loadError = signal<string | null>(null);
  readonly timeline = signal<TimelineDto | null>(null);
  /** Renders only, newest first (imports are in the Export step). */
  readonly compilations = signal<readonly RenderedCompilation[]>([]);
  /** The latest compilation's job, as last read (progress and log). */
  readonly job = signal<JobDto | null>(null);
  readonly pollError = signal<string | null>(null);
  /** The plan and its render time used; null until read (the API checks anyway). */
  readonly usage = signal<UsageDto | null>(null);
  /** Whether the server can render now (ffmpeg, a worker); null until read or when unknown. */
  readonly render = signal<RenderReadinessDto | null>(null);
  /** Intro, outro and transitions with their lengths; null until read. */
  readonly arranged = signal<ArrangedMedia | null>(null);

  readonly starting = signal(false);
  readonly startErrors = signal<readonly string[]>([]);
  readonly busy = signal<Action | null>(null);
  readonly actionError = signal<string | null>(null);

  readonly defaults = computed<CompileSettingsDto>(() => defaultCompileSettings(this.output()));
  readonly latest = computed(() => this.compilations()[0] ?? null);
  readonly earlier = computed(() => this.compilations().slice(1));
  readonly active = computed(() => isJobActive(this.latest()?.state));
  readonly timelineEmpty = computed(() => (this.timeline()?.items.length ?? 0) === 0);
  readonly timelineText = computed(() => {
    const timeline = this.timeline();
    return timeline ? timelineSummary(timeline.items.length, timeline.totalSeconds) : '';
  });
  readonly caps = computed<OutputCaps | null>(() => {
    const tier = this.usage()?.tier;
    return tier ? { maxResolution: tier.maxResolution, maxFps: tier.maxFps } : null;
  });
  /** The compiled length, as the API estimates it for the render-time quota (as on Arrange). */
  readonly estimateSeconds = computed(() => {
    const timeline = this.timeline();
    const arranged = this.arranged();
    if (!timeline || !arranged) return null;
    return estimateRunningTime({
      clipSeconds: timeline.items.map((item) => item.playSeconds),
      ...arranged,
    });
  });
  /** What the plan does not allow: more clips than its cap, or more render time than is left. */
  readonly planProblem = computed(() => {
    const usage = this.usage();
    if (!usage) return null;
    return (
      clipCapReason(usage.tier?.maxClipsPerProject, this.timeline()?.items.length ?? 0) ??
      renderQuotaReason(this.estimateSeconds(), renderSecondsLeft(usage))
    );
  });
  readonly blockedReason = computed(() => {
    if (this.timelineEmpty()) return EMPTY_TIMELINE_REASON;
    if (this.active()) return BUSY_REASON;
    return this.planProblem();
  });

  protected readonly settingsSummary = compileSettingsSummary;

  private loadRequest?: Subscription;
  private pollRequest?: Subscription;
  private pollTimer?: ReturnType<typeof setTimeout>;
  private readonly destroyRef = inject(DestroyRef);
  private destroyed = false;

  constructor() {
    effect(() => {
      const id = this.projectId();
      untracked(() => this.load(id));
    });
    this.destroyRef.onDestroy(() => {
      this.destroyed = true;
      this.stopPolling();
      this.loadRequest?.unsubscribe();
    });
  }

  reload(): void {
    this.load(this.projectId());
  }

  start(settings: CompileSettingsDto): void {
    if (this.starting() || this.blockedReason()) return;
    const projectId = this.projectId();
    this.starting.set(true);
    this.startErrors.set([]);
    this.actionError.set(null);
    this.compilationsService
      .start(projectId, settings)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (compilation) => {
          this.starting.set(false);
          this.job.set(null);
          this.compilations.update((list) => [
            ...rendersOf([compilation]),
            ...list.filter((c) => c.id !== compilation.id),
          ]);
          this.follow();
        },
        error: (error) => {
          this.starting.set(false);
          this.startErrors.set(apiErrorMessages(error));
          // The timeline may have changed meanwhile (emptied in another tab, say).
          if (hasStatus(error, 400)) this.readTimeline(projectId);
          // So may the compilations (one started elsewhere).
          if (hasStatus(error, 409)) this.pollNow();
          // Over the plan (render time, clips): what it has left may have changed.
          if (hasStatus(error, 403)) {
            this.loadUsage();
            this.readTimeline(projectId);
          }
        },
      });
  }

  cancel(): void {
    const latest = this.latest();
    if (!latest || this.busy()) return;
    this.act('cancel', this.jobsService.cancel(latest.jobId), latest);
  }

  retry(): void {
    const latest = this.latest();
    if (!latest || this.busy()) return;
    this.act('retry', this.jobsService.retry(latest.jobId), latest);
  }

  private act(action: Action, call: Observable<JobDto>, compilation: RenderedCompilation): void {
    this.busy.set(action);
    this.actionError.set(null);
    call.pipe(takeUntilDestroyed(this.destroyRef)).subscribe({
      next: (job) => {
        this.busy.set(null);
        this.job.set(job);
        // The job's state now; the compilation's follows on the next read.
        this.compilations.update((list) =>
          list.map((c) =>
            c.id === compilation.id
              ? {
                  ...c,
                  state: job.state,
                  progress: job.progress,
                  error: action === 'retry' ? null : c.error,
                }
              : c,
          ),
        );
        this.pollNow();
      },
      error: (error) => {
        this.busy.set(null);
        const verb = action === 'retry' ? 'retry' : 'cancel';
        this.actionError.set(`Could not ${verb} the compile: ${apiErrorMessage(error)}`);
        this.pollNow();
      },
    });
  }

  private load(projectId: string): void {
    this.stopPolling();
    this.loadRequest?.unsubscribe();
    this.loadError.set(null);
    this.loadUsage();
    this.loadRender();
    this.loadArranged(projectId);
    this.loadRequest = forkJoin({
      timeline: this.arrangementService.timeline(projectId),
      compilations: this.compilationsService.list(projectId),
    }).subscribe({
      next: ({ timeline, compilations }) => {
        this.timeline.set(timeline);
        this.compilations.set(rendersOf(compilations.items));
        this.job.set(null);
        this.loaded.set(true);
        this.follow();
      },
      error: (error: unknown) => this.loadError.set(apiErrorMessage(error)),
    });
  }

  private loadUsage(): void {
    this.usageService
      .get()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (usage) => this.usage.set(usage) });
  }

  /** Missing ffmpeg or worker: said before the user waits for a compile that cannot run. */
  private loadRender(): void {
    this.healthService
      .get()
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (health) => this.render.set(health.render ?? null),
        error: () => this.render.set(null),
      });
  }

  private loadArranged(projectId: string): void {
    this.arranged.set(null);
    this.arrangedMediaService
      .load(projectId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({ next: (arranged) => this.arranged.set(arranged) });
  }

  private readTimeline(projectId: string): void {
    this.arrangementService
      .timeline(projectId)
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe({
        next: (timeline) => this.timeline.set(timeline),
      });
  }

  /** Reads again in a moment while the latest compilation is queued or running. */
  private follow(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    if (this.destroyed || !this.active()) return;
    this.pollTimer = setTimeout(() => {
      this.pollTimer = undefined;
      this.poll();
    }, COMPILE_POLL_MS);
  }

  private pollNow(): void {
    this.stopPolling();
    this.poll();
  }

  /** The list (state, result) and the latest compilation's job (progress, log) together. */
  private poll(): void {
    const latest = this.latest();
    if (this.destroyed || !latest) return;
    this.pollRequest?.unsubscribe();
    this.pollRequest = forkJoin({
      list: this.compilationsService.list(this.projectId()),
      job: this.jobsService.get(latest.jobId),
    }).subscribe({
      next: ({ list, job }) => {
        const wasActive = this.active();
        this.pollError.set(null);
        this.compilations.set(rendersOf(list.items));
        // A finished compile used render time.
        if (wasActive && !this.active()) this.loadUsage();
        this.job.set(job.id === this.latest()?.jobId ? job : null);
        this.follow();
      },
      error: (error: unknown) => {
        this.pollError.set(`Could not read the progress: ${apiErrorMessage(error)}`);
        // A passing error does not end the watch; a vanished project or job does.
        if (!isNotFound(error)) this.follow();
      },
    });
  }

  private stopPolling(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    this.pollRequest?.unsubscribe();
    this.pollRequest = undefined;
  }
}
