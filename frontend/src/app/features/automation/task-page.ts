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
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router, RouterLink } from '@angular/router';
import {
  AUTOMATION_RULES,
  DEFAULT_OUTPUT_SETTINGS,
  OUTPUT_FORMATS,
  OUTPUT_FPS,
  OUTPUT_RESOLUTIONS,
  SCHEDULE_TYPES,
  type AutomationRunDto,
  type AutomationTaskDto,
  type CreatableScheduleType,
  type CreateTaskRequest,
  type FoundClipDto,
  type MediaDto,
  type MediaType,
  type OutputFormat,
  type OutputResolution,
  type PreviousProjectPolicy,
  type ProjectOutputSettings,
  type ScheduleDto,
  type TaskSource,
} from '@clippyfront/shared';
import type { Subscription } from 'rxjs';
import { apiErrorMessage, isNotFound } from '../../core/api-error';
import { AutomationService, isRunActive } from '../../core/automation.service';
import { MediaService } from '../../core/media.service';
import { LoadError } from '../../shared/load-error';
import { ProgressBar } from '../../shared/progress-bar';
import { StateBadge } from '../../shared/state-badge';
import {
  describeSchedule,
  formatWhen,
  localTimezone,
  STAGE_LABELS,
  WEEKDAYS,
} from './automation-format';

/** How often a run in progress is read again (like the Compile step). */
export const RUN_POLL_MS = 1_000;

type Fps = ProjectOutputSettings['fps'];

/**
 * One task: the editor (source with a live preview, arrangement, output, naming), Run now with
 * live progress, the run history and the schedules. `/automation/new` is the editor alone.
 */
@Component({
  selector: 'cf-task-page',
  imports: [ReactiveFormsModule, RouterLink, LoadError, ProgressBar, StateBadge],
  templateUrl: './task-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TaskPage {
  private readonly automation = inject(AutomationService);
  private readonly mediaService = inject(MediaService);
  private readonly router = inject(Router);
  private readonly fb = inject(NonNullableFormBuilder);

  /** `:id` route parameter; absent on /automation/new. */
  readonly id = input<string | undefined>(undefined);

  readonly resolutions = OUTPUT_RESOLUTIONS;
  readonly fpsChoices = OUTPUT_FPS;
  readonly formats = OUTPUT_FORMATS;
  readonly scheduleTypes = SCHEDULE_TYPES;
  readonly weekdays = WEEKDAYS;
  readonly days = Array.from({ length: 31 }, (_, i) => i + 1);
  readonly stageLabels = STAGE_LABELS;
  readonly formatWhen = formatWhen;
  readonly describeSchedule = describeSchedule;

  readonly task = signal<AutomationTaskDto | null>(null);
  readonly notFound = signal(false);
  readonly loadError = signal<string | null>(null);
  readonly saveError = signal<string | null>(null);
  readonly saving = signal(false);
  readonly saved = signal(false);
  readonly media = signal<Record<'intro' | 'outro' | 'transition', MediaDto[]>>({
    intro: [],
    outro: [],
    transition: [],
  });
  readonly preview = signal<FoundClipDto[] | null>(null);
  readonly previewError = signal<string | null>(null);
  readonly previewing = signal(false);
  readonly runs = signal<AutomationRunDto[]>([]);
  readonly current = signal<AutomationRunDto | null>(null);
  readonly runError = signal<string | null>(null);
  readonly schedules = signal<ScheduleDto[]>([]);
  readonly scheduleError = signal<string | null>(null);

  readonly form = this.fb.group({
    name: ['', [Validators.required, Validators.maxLength(AUTOMATION_RULES.nameMaxLength)]],
    kind: ['twitch' as 'twitch' | 'discord'],
    username: [''],
    lastDays: [7],
    count: [10],
    minViews: [0],
    sort: ['views' as 'views' | 'newest'],
    channelId: [''],
    introId: [''],
    outroId: [''],
    transitionIds: [[] as string[]],
    randomizeTransitions: [false],
    resolution: [DEFAULT_OUTPUT_SETTINGS.resolution as OutputResolution],
    fps: [DEFAULT_OUTPUT_SETTINGS.fps as Fps],
    format: [DEFAULT_OUTPUT_SETTINGS.format as OutputFormat],
    maxClipSeconds: [DEFAULT_OUTPUT_SETTINGS.maxClipSeconds],
    projectNameTemplate: [AUTOMATION_RULES.defaultProjectNameTemplate as string],
    previousProject: ['keep' as PreviousProjectPolicy],
  });

  readonly scheduleForm = this.fb.group({
    type: ['weekly' as CreatableScheduleType],
    time: ['09:00'],
    weekday: [1],
    dayOfMonth: [1],
    timezone: [localTimezone()],
  });

  private poll?: ReturnType<typeof setTimeout>;
  private pollRequest?: Subscription;

  constructor() {
    for (const type of ['intro', 'outro', 'transition'] as MediaType[]) {
      this.mediaService.list({ type, limit: 100 }).subscribe({
        next: (list) => this.media.update((all) => ({ ...all, [type]: list.items })),
        error: () => undefined,
      });
    }
    effect(() => {
      const id = this.id();
      untracked(() => (id ? this.load(id) : this.task.set(null)));
    });
    inject(DestroyRef).onDestroy(() => this.stopPolling());
  }

  load(id: string): void {
    this.loadError.set(null);
    this.automation.task(id).subscribe({
      next: (task) => {
        this.task.set(task);
        this.fill(task);
        this.loadRuns(id);
        this.loadSchedules(id);
      },
      error: (err: unknown) =>
        isNotFound(err) ? this.notFound.set(true) : this.loadError.set(apiErrorMessage(err)),
    });
  }

  /** The source as the form describes it (the API fills the same defaults). */
  source(): TaskSource {
    const v = this.form.getRawValue();
    if (v.kind === 'discord') {
      return { kind: 'discord', channelId: v.channelId.trim(), count: Number(v.count) };
    }
    return {
      kind: 'twitch',
      username: v.username.trim() || null,
      lastDays: Number(v.lastDays),
      count: Number(v.count),
      minViews: Number(v.minViews),
      sort: v.sort,
    };
  }

  request(): CreateTaskRequest {
    const v = this.form.getRawValue();
    return {
      name: v.name,
      source: this.source(),
      introId: v.introId || null,
      outroId: v.outroId || null,
      transitionIds: v.transitionIds,
      randomizeTransitions: v.randomizeTransitions,
      output: {
        resolution: v.resolution,
        fps: Number(v.fps) as Fps,
        format: v.format,
        maxClipSeconds: Number(v.maxClipSeconds),
      },
      projectNameTemplate: v.projectNameTemplate,
      previousProject: v.previousProject,
    };
  }

  save(): void {
    if (this.form.invalid || this.saving()) {
      this.form.markAllAsTouched();
      return;
    }
    this.saving.set(true);
    this.saveError.set(null);
    this.saved.set(false);
    const existing = this.task();
    const call = existing
      ? this.automation.update(existing.id, this.request())
      : this.automation.create(this.request());
    call.subscribe({
      next: (task) => {
        this.saving.set(false);
        this.saved.set(true);
        this.task.set(task);
        if (!existing) void this.router.navigate(['/automation', task.id]);
      },
      error: (err: unknown) => {
        this.saving.set(false);
        this.saveError.set(apiErrorMessage(err));
      },
    });
  }

  showPreview(): void {
    this.previewing.set(true);
    this.previewError.set(null);
    this.automation.preview(this.source()).subscribe({
      next: (clips) => {
        this.previewing.set(false);
        this.preview.set(clips);
      },
      error: (err: unknown) => {
        this.previewing.set(false);
        this.preview.set(null);
        this.previewError.set(apiErrorMessage(err));
      },
    });
  }

  runNow(): void {
    const task = this.task();
    if (!task) return;
    this.runError.set(null);
    this.automation.runNow(task.id).subscribe({
      next: ({ runId }) => this.follow(runId),
      error: (err: unknown) => this.runError.set(apiErrorMessage(err)),
    });
  }

  cancelRun(): void {
    const run = this.current();
    if (!run) return;
    this.automation.cancelRun(run.id).subscribe({
      next: (cancelled) => this.current.set(cancelled),
      error: (err: unknown) => this.runError.set(apiErrorMessage(err)),
    });
  }

  videoUrl(run: AutomationRunDto): string | null {
    return run.videoMediaId ? this.mediaService.streamUrl(run.videoMediaId) : null;
  }

  addSchedule(): void {
    const task = this.task();
    if (!task) return;
    const v = this.scheduleForm.getRawValue();
    this.scheduleError.set(null);
    this.automation
      .addSchedule(task.id, {
        type: v.type,
        time: v.time,
        timezone: v.timezone.trim() || 'UTC',
        ...(v.type === 'weekly' && { weekday: Number(v.weekday) }),
        ...(v.type === 'monthly' && { dayOfMonth: Number(v.dayOfMonth) }),
      })
      .subscribe({
        next: () => this.loadSchedules(task.id),
        error: (err: unknown) => this.scheduleError.set(apiErrorMessage(err)),
      });
  }

  toggleSchedule(schedule: ScheduleDto): void {
    this.automation.setScheduleEnabled(schedule.id, !schedule.enabled).subscribe({
      next: () => this.loadSchedules(schedule.taskId),
      error: (err: unknown) => this.scheduleError.set(apiErrorMessage(err)),
    });
  }

  deleteSchedule(schedule: ScheduleDto): void {
    this.automation.deleteSchedule(schedule.id).subscribe({
      next: () => this.loadSchedules(schedule.taskId),
      error: (err: unknown) => this.scheduleError.set(apiErrorMessage(err)),
    });
  }

  private fill(task: AutomationTaskDto): void {
    const s = task.source;
    this.form.reset({
      name: task.name,
      kind: s.kind,
      username: s.kind === 'twitch' ? (s.username ?? '') : '',
      lastDays: s.kind === 'twitch' ? s.lastDays : 7,
      count: s.count,
      minViews: s.kind === 'twitch' ? s.minViews : 0,
      sort: s.kind === 'twitch' ? s.sort : 'views',
      channelId: s.kind === 'discord' ? s.channelId : '',
      introId: task.introId ?? '',
      outroId: task.outroId ?? '',
      transitionIds: task.transitionIds,
      randomizeTransitions: task.randomizeTransitions,
      resolution: task.output.resolution,
      fps: task.output.fps,
      format: task.output.format,
      maxClipSeconds: task.output.maxClipSeconds,
      projectNameTemplate: task.projectNameTemplate,
      previousProject: task.previousProject,
    });
  }

  private loadRuns(taskId: string): void {
    this.automation.runs(taskId).subscribe({
      next: (runs) => {
        this.runs.set(runs);
        const active = runs.find((run) => isRunActive(run.state));
        if (active && this.current()?.id !== active.id) this.follow(active.id);
        else if (!this.current() && runs[0]) this.current.set(runs[0]);
      },
      error: () => undefined,
    });
  }

  private loadSchedules(taskId: string): void {
    this.automation.schedules(taskId).subscribe({
      next: (schedules) => this.schedules.set(schedules),
      error: (err: unknown) => this.scheduleError.set(apiErrorMessage(err)),
    });
  }

  /** Reads the run every RUN_POLL_MS until it ends, then the history again. */
  private follow(runId: string): void {
    this.stopPolling();
    this.pollRequest = this.automation.run(runId).subscribe({
      next: (run) => {
        this.current.set(run);
        if (isRunActive(run.state)) {
          this.poll = setTimeout(() => this.follow(runId), RUN_POLL_MS);
        } else {
          this.loadRuns(run.taskId);
        }
      },
      error: () => (this.poll = setTimeout(() => this.follow(runId), RUN_POLL_MS)),
    });
  }

  private stopPolling(): void {
    clearTimeout(this.poll);
    this.pollRequest?.unsubscribe();
  }
}
