import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { Router, RouterLink } from '@angular/router';
import { JOB_STATES, type JobDto, type JobState } from '@clippyfront/shared';
import { apiErrorMessage } from '../../core/api-error';
import { isJobActive, JobsService } from '../../core/jobs.service';
import { RelativeTimePipe } from '../../shared/format';
import { LoadError } from '../../shared/load-error';
import { PagedList } from '../../shared/paged-list';
import { Pager } from '../../shared/pager';
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
  imports: [DatePipe, LoadError, Pager, RouterLink, RelativeTimePipe, ProgressBar, StateBadge],
  templateUrl: './job-list-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class JobListPage {
  private readonly jobsService = inject(JobsService);
  private readonly router = inject(Router);

  /** `?state=` query parameter (bound by the router); anything unknown means "all". */
  readonly state = input<string | undefined>();
  readonly filter = computed(() => toJobState(this.state()));

  readonly filters: readonly { value: JobState | null; label: string }[] = [
    { value: null, label: 'All' },
    ...JOB_STATES.map((s) => ({ value: s, label: s[0].toUpperCase() + s.slice(1) })),
  ];

  readonly now = signal(Date.now());
  /** Back to the first page when the filter changes; re-read while a shown job is active. */
  readonly jobs = new PagedList<JobState | null, JobDto>({
    pageSize: JOB_LIST_PAGE_SIZE,
    query: this.filter,
    fetch: (state, range) => this.jobsService.list({ state, ...range }),
    loaded: () => {
      this.now.set(Date.now());
      this.followActive();
    },
    // Keep following running jobs through a transient failure.
    failed: () => this.followActive(),
  });

  readonly starting = signal(false);
  readonly startError = signal<string | null>(null);

  readonly hasActive = computed(() => this.jobs.items().some((j) => isJobActive(j.state)));

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

  private followActive(): void {
    if (this.hasActive()) this.jobs.reloadAfter(JOB_LIST_POLL_MS);
  }
}
