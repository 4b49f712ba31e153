import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import {
  JOB_KIND_NAMES,
  JOB_STATES,
  type JobDto,
  type JobKind,
  type JobState,
} from '@clippyfront/shared';
import { apiErrorMessage } from '../../core/api-error';
import { isJobActive, JobsService } from '../../core/jobs.service';
import { DurationPipe, RelativeTimePipe } from '../../shared/format';
import { LoadError } from '../../shared/load-error';
import { PagedList } from '../../shared/paged-list';
import { Pager } from '../../shared/pager';
import { StateBadge } from '../../shared/state-badge';

export const ADMIN_JOBS_PAGE_SIZE = 25;
/** How often the list is re-read while a shown job is queued or running. */
export const ADMIN_JOBS_POLL_MS = 3_000;

export interface AdminJobFilter {
  state: JobState | null;
  kind: JobKind | null;
  owner: string;
  workerId: string;
}

const NO_FILTER: AdminJobFilter = { state: null, kind: null, owner: '', workerId: '' };

/** Seconds from start to finish (or now, while running); null before it starts. */
export function jobDurationSeconds(job: JobDto, now: number): number | null {
  if (!job.startedAt) return null;
  const end = job.finishedAt ? Date.parse(job.finishedAt) : now;
  return Math.max(0, (end - Date.parse(job.startedAt)) / 1000);
}

/** Admin → Jobs: every user's jobs, filtered; retry, cancel, bulk retry of failed ones. */
@Component({
  selector: 'cf-admin-jobs-page',
  imports: [DatePipe, DurationPipe, LoadError, Pager, RelativeTimePipe, RouterLink, StateBadge],
  templateUrl: './admin-jobs-page.html',
  host: { 'data-testid': 'admin-jobs' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminJobsPage {
  private readonly jobsService = inject(JobsService);

  readonly states = JOB_STATES;
  readonly kinds = JOB_KIND_NAMES;

  readonly filter = signal<AdminJobFilter>(NO_FILTER);
  readonly now = signal(Date.now());
  readonly jobs = new PagedList<AdminJobFilter, JobDto>({
    pageSize: ADMIN_JOBS_PAGE_SIZE,
    query: this.filter,
    fetch: (filter, range) => this.jobsService.list({ ...filter, ...range }),
    loaded: () => {
      this.now.set(Date.now());
      if (this.jobs.items().some((job) => isJobActive(job.state))) {
        this.jobs.reloadAfter(ADMIN_JOBS_POLL_MS);
      }
    },
  });
  readonly filtered = computed(() => {
    const f = this.filter();
    return !!(f.state || f.kind || f.owner || f.workerId);
  });

  /** Id of the job a row action runs on. */
  readonly acting = signal<string | null>(null);
  readonly actionError = signal<string | null>(null);
  readonly bulkBusy = signal(false);
  readonly bulkResult = signal<string | null>(null);

  applyFilter(state: string, kind: string, owner: string, workerId: string): void {
    this.filter.set({
      state: (JOB_STATES as readonly string[]).includes(state) ? (state as JobState) : null,
      kind: (JOB_KIND_NAMES as readonly string[]).includes(kind) ? (kind as JobKind) : null,
      owner: owner.trim(),
      workerId: workerId.trim(),
    });
  }

  clearFilter(): void {
    this.filter.set(NO_FILTER);
  }

  canRetry(job: JobDto): boolean {
    return job.state === 'failed' || job.state === 'cancelled';
  }

  duration(job: JobDto): number | null {
    return jobDurationSeconds(job, this.now());
  }

  retry(job: JobDto): void {
    this.act(job, 'retry');
  }

  cancel(job: JobDto): void {
    this.act(job, 'cancel');
  }

  /** Queues the failed jobs again: those of the kind and owner filtered on, else all. */
  retryFailed(): void {
    if (this.bulkBusy()) return;
    const { kind, owner } = this.filter();
    this.bulkBusy.set(true);
    this.bulkResult.set(null);
    this.actionError.set(null);
    this.jobsService.retryFailed({ ...(kind && { kind }), ...(owner && { owner }) }).subscribe({
      next: (result) => {
        this.bulkBusy.set(false);
        const skipped = result.skipped
          ? ` ${result.skipped} left failed: ${result.problems.join(' ')}`
          : '';
        this.bulkResult.set(
          `Retried ${result.retried} failed ${result.retried === 1 ? 'job' : 'jobs'}.${skipped}`,
        );
        this.jobs.reload();
      },
      error: (err: unknown) => {
        this.bulkBusy.set(false);
        this.actionError.set(`Could not retry the failed jobs: ${apiErrorMessage(err)}`);
      },
    });
  }

  private act(job: JobDto, action: 'retry' | 'cancel'): void {
    if (this.acting()) return;
    this.acting.set(job.id);
    this.actionError.set(null);
    const call =
      action === 'retry' ? this.jobsService.retry(job.id) : this.jobsService.cancel(job.id);
    call.subscribe({
      next: (updated) => {
        this.acting.set(null);
        this.jobs.items.update((list) =>
          list.map((item) =>
            item.id === updated.id ? { ...updated, ownerUsername: item.ownerUsername } : item,
          ),
        );
        this.jobs.reload();
      },
      error: (err: unknown) => {
        this.acting.set(null);
        this.actionError.set(`Could not ${action} job ${job.id}: ${apiErrorMessage(err)}`);
      },
    });
  }
}
