import { DatePipe } from '@angular/common';
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
import { Router, RouterLink } from '@angular/router';
import { JOB_STATES, type JobDto, type JobState } from '@clippyfront/shared';
import { Subscription } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { isJobActive, JobsService } from '../../core/jobs.service';
import { RelativeTimePipe } from '../../shared/format';
import { ProgressBar } from '../../shared/progress-bar';
import { StateBadge } from '../../shared/state-badge';

/** How often the list is re-read while any visible job is queued or running. */
export const JOB_LIST_POLL_MS = 2_000;
export const JOB_LIST_PAGE_SIZE = 20;

function toJobState(value: string | null | undefined): JobState | null {
  return (JOB_STATES as readonly string[]).includes(value ?? '') ? (value as JobState) : null;
}

@Component({
  selector: 'cf-job-list-page',
  imports: [DatePipe, RouterLink, RelativeTimePipe, ProgressBar, StateBadge],
  templateUrl: './job-list-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobListPage {
  private readonly jobsService = inject(JobsService);
  private readonly router = inject(Router);

  /** `?state=` query parameter (bound by the router); anything unknown means "all". */
  readonly state = input<string | undefined>();
  readonly filter = computed(() => toJobState(this.state()));
  /** Zero-based page; resets when the filter changes. */
  readonly page = linkedSignal<JobState | null, number>({
    source: this.filter,
    computation: () => 0,
  });

  readonly filters: readonly { value: JobState | null; label: string }[] = [
    { value: null, label: 'All' },
    ...JOB_STATES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) })),
  ];
  readonly pageSize = JOB_LIST_PAGE_SIZE;

  readonly jobs = signal<JobDto[]>([]);
  readonly total = signal(0);
  readonly loaded = signal(false);
  readonly loading = signal(false);
  readonly error = signal<string | null>(null);
  readonly now = signal(Date.now());
  readonly starting = signal(false);
  readonly startError = signal<string | null>(null);

  readonly hasActive = computed(() => this.jobs().some((j) => isJobActive(j.state)));
  readonly rangeStart = computed(() => (this.total() === 0 ? 0 : this.page() * this.pageSize + 1));
  readonly rangeEnd = computed(() => this.page() * this.pageSize + this.jobs().length);
  readonly hasPrevious = computed(() => this.page() > 0);
  readonly hasNext = computed(() => (this.page() + 1) * this.pageSize < this.total());

  private request?: Subscription;
  private pollTimer?: ReturnType<typeof setTimeout>;

  constructor() {
    effect(() => {
      const filter = this.filter();
      const page = this.page();
      untracked(() => this.load(filter, page));
    });
    inject(DestroyRef).onDestroy(() => this.stop());
  }

  reload(): void {
    this.load(this.filter(), this.page());
  }

  previousPage(): void {
    if (this.hasPrevious()) this.page.update((p) => p - 1);
  }

  nextPage(): void {
    if (this.hasNext()) this.page.update((p) => p + 1);
  }

  runProbe(): void {
    if (this.starting()) return;
    this.starting.set(true);
    this.startError.set(null);
    this.jobsService.runProbe().subscribe({
      next: (job) => {
        this.starting.set(false);
        void this.router.navigate(['/jobs', job.id]);
      },
      error: (err: unknown) => {
        this.starting.set(false);
        this.startError.set(apiErrorMessage(err));
      },
    });
  }

  private load(filter: JobState | null, page: number): void {
    this.stop();
    this.loading.set(true);
    this.request = this.jobsService
      .list({ state: filter, limit: this.pageSize, offset: page * this.pageSize })
      .subscribe({
        next: (list) => {
          this.jobs.set(list.items);
          this.total.set(list.total);
          this.now.set(Date.now());
          this.error.set(null);
          this.loaded.set(true);
          this.loading.set(false);
          if (this.hasActive()) this.schedule();
        },
        error: (err: unknown) => {
          this.error.set(apiErrorMessage(err));
          this.loading.set(false);
          // Keep following running jobs through a transient failure.
          if (this.hasActive()) this.schedule();
        },
      });
  }

  private schedule(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = setTimeout(() => this.reload(), JOB_LIST_POLL_MS);
  }

  private stop(): void {
    clearTimeout(this.pollTimer);
    this.pollTimer = undefined;
    this.request?.unsubscribe();
  }
}
