import { DatePipe, JsonPipe } from '@angular/common';
import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { RouterLink } from '@angular/router';
import type { JobDto, ProbeResult } from '@clippyfront/shared';
import { Observable, Subscription } from 'rxjs';
import { apiErrorMessage, isNotFound } from '../../core/api-error';
import { isJobActive, JobsService } from '../../core/jobs.service';
import { BytesPipe, DurationPipe } from '../../shared/format';
import { LoadError } from '../../shared/load-error';
import { ProgressBar } from '../../shared/progress-bar';
import { StateBadge } from '../../shared/state-badge';

/** How often a queued or running job is re-read. */
export const JOB_DETAIL_POLL_MS = 1_000;

function isProbeResult(value: unknown): value is ProbeResult {
  return (
    typeof value === 'object' &&
    value !== null &&
    'formatName' in value &&
    'durationSeconds' in value &&
    'sizeBytes' in value
  );
}

@Component({
  selector: 'cf-job-detail-page',
  imports: [
    DatePipe,
    JsonPipe,
    RouterLink,
    BytesPipe,
    DurationPipe,
    LoadError,
    ProgressBar,
    StateBadge,
  ],
  templateUrl: './job-detail-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobDetailPage {
  private readonly jobsService = inject(JobsService);

  /** `:id` route parameter (bound by the router). */
  readonly id = input.required<string>();

  readonly job = signal<JobDto | null>(null);
  readonly error = signal<string | null>(null);
  readonly notFound = signal(false);
  readonly actionError = signal<string | null>(null);
  readonly busy = signal<'retry' | 'cancel' | null>(null);
  readonly now = signal(Date.now());

  readonly active = computed(() => isJobActive(this.job()?.state));
  /** Only a failed or cancelled job offers Retry, only a queued or running one Cancel. */
  readonly retryable = computed(() => {
    const state = this.job()?.state;
    return state === 'failed' || state === 'cancelled' || this.busy() === 'retry';
  });
  readonly cancellable = computed(() => this.active() || this.busy() === 'cancel');
  readonly canRetry = computed(() => {
    const state = this.job()?.state;
    return (state === 'failed' || state === 'cancelled') && this.busy() === null;
  });
  readonly canCancel = computed(
    () =>
      this.busy() === null && (this.job()?.state === 'queued' || this.job()?.state === 'running'),
  );
  readonly probeResult = computed(() => {
    const job = this.job();
    return job?.kind === 'probe' && isProbeResult(job.result) ? job.result : null;
  });
  /** Seconds the job ran (or has been running). */
  readonly runSeconds = computed(() => {
    const job = this.job();
    if (!job?.startedAt) return null;
    const end = job.finishedAt ? Date.parse(job.finishedAt) : this.now();
    return Math.max(0, (end - Date.parse(job.startedAt)) / 1000);
  });

  private readonly logBox = viewChild<ElementRef<HTMLElement>>('logBox');
  /** Follow new log lines unless the reader scrolled up. */
  private followLog = true;
  private request?: Subscription;
  private pollTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.job.set(null);
        this.notFound.set(false);
        this.error.set(null);
        this.actionError.set(null);
        this.followLog = true;
        this.load(id);
      });
    });
    afterRenderEffect(() => {
      const lines = this.job()?.log.length ?? 0;
      const box = this.logBox()?.nativeElement;
      if (box && lines > 0 && this.followLog) box.scrollTop = box.scrollHeight;
    });
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  onLogScroll(box: HTMLElement): void {
    this.followLog = box.scrollHeight - box.scrollTop - box.clientHeight < 24;
  }

  reload(): void {
    this.load(this.id());
  }

  retry(): void {
    if (this.canRetry()) this.act('retry', this.jobsService.retry(this.id()));
  }

  cancel(): void {
    if (this.canCancel()) this.act('cancel', this.jobsService.cancel(this.id()));
  }

  private act(action: 'retry' | 'cancel', call: Observable<JobDto>): void {
    this.stop();
    this.busy.set(action);
    this.actionError.set(null);
    this.request = call.subscribe({
      next: (job) => {
        this.busy.set(null);
        this.apply(job);
      },
      error: (err: unknown) => {
        this.busy.set(null);
        this.actionError.set(apiErrorMessage(err));
        if (this.active()) this.schedule();
      },
    });
  }

  private load(id: string): void {
    this.stop();
    this.request = this.jobsService.get(id).subscribe({
      next: (job) => this.apply(job),
      error: (err: unknown) => {
        if (isNotFound(err)) {
          this.notFound.set(true);
          this.job.set(null);
          return;
        }
        this.error.set(apiErrorMessage(err));
        // Keep following a running job through a transient failure.
        if (this.active()) this.schedule();
      },
    });
  }

  private apply(job: JobDto): void {
    this.job.set(job);
    this.error.set(null);
    this.now.set(Date.now());
    if (isJobActive(job.state)) this.schedule();
  }

  private schedule(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => this.reload(), JOB_DETAIL_POLL_MS);
  }

  private stop(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    this.request?.unsubscribe();
  }
}
