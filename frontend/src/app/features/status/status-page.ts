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
import type { HealthAnswer } from '@clippyfront/shared';
import { Subscription } from 'rxjs';
import { apiErrorMessage } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { HealthService } from '../../core/health.service';
import { DurationPipe, RelativeTimePipe } from '../../shared/format';
import { RenderNotice } from '../../shared/render-notice';

/** How often the page re-reads `/api/health` while it is shown. */
export const STATUS_REFRESH_MS = 10_000;

@Component({
  selector: 'cf-status-page',
  imports: [DatePipe, DurationPipe, RelativeTimePipe, RenderNotice],
  templateUrl: './status-page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusPage {
  private readonly healthService = inject(HealthService);
  private readonly auth = inject(AuthService);

  /** The full report for admins, the status alone for anyone else. */
  readonly health = signal<HealthAnswer | null>(null);
  readonly error = signal<string | null>(null);
  readonly loading = signal(false);
  /** When the last successful answer arrived (ms since epoch); also the "now" for relative times. */
  readonly updatedAt = signal<number | null>(null);

  readonly databaseLabel = computed(() => {
    const health = this.health();
    return health?.detailed && health.database.mode === 'postgres'
      ? 'PostgreSQL'
      : 'Embedded database';
  });
  readonly jobsModeLabel = computed(() => {
    const health = this.health();
    return health?.detailed && health.jobs.mode === 'redis'
      ? 'Redis queue (Bull)'
      : 'In-process queue';
  });

  private request?: Subscription;

  constructor() {
    const timer = setInterval(() => {
      if (!this.loading()) this.refresh();
    }, STATUS_REFRESH_MS);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      this.request?.unsubscribe();
    });
    // Read again whenever who is logged in changes: an admin who logs out here must not keep
    // seeing the details, not even until the next refresh.
    effect(() => {
      const admin = this.auth.isAdmin();
      untracked(() => {
        if (!admin && this.health()?.detailed) this.health.set(null);
        this.refresh();
      });
    });
  }

  refresh(): void {
    this.request?.unsubscribe();
    this.loading.set(true);
    this.request = this.healthService.get().subscribe({
      next: (health) => {
        this.health.set(health);
        this.error.set(null);
        this.updatedAt.set(Date.now());
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.error.set(apiErrorMessage(err));
        this.loading.set(false);
      },
    });
  }
}
