import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import type { SystemInfoDto } from '@clippyfront/shared';
import type { Subscription } from 'rxjs';
import { AdminSystemService } from '../../core/admin-system.service';
import { apiErrorMessage } from '../../core/api-error';
import { BytesPipe, DurationPipe, formatDuration, RelativeTimePipe } from '../../shared/format';
import { LoadError } from '../../shared/load-error';

/** How often the page re-reads `/api/admin/system` while it is shown. */
export const SYSTEM_REFRESH_MS = 15_000;

/** Admin → System: what runs where, how full the queues and disks are, how periodic work goes. */
@Component({
  selector: 'cf-admin-system-page',
  imports: [DatePipe, BytesPipe, DurationPipe, RelativeTimePipe, LoadError],
  templateUrl: './admin-system-page.html',
  host: { 'data-testid': 'admin-system' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminSystemPage {
  private readonly systemService = inject(AdminSystemService);

  readonly info = signal<SystemInfoDto | null>(null);
  readonly error = signal<string | null>(null);
  readonly loading = signal(false);
  readonly updatedAt = signal<number | null>(null);

  private request?: Subscription;

  constructor() {
    const timer = setInterval(() => {
      if (!this.loading()) this.refresh();
    }, SYSTEM_REFRESH_MS);
    inject(DestroyRef).onDestroy(() => {
      clearInterval(timer);
      this.request?.unsubscribe();
    });
    this.refresh();
  }

  refresh(): void {
    this.request?.unsubscribe();
    this.loading.set(true);
    this.request = this.systemService.get().subscribe({
      next: (info) => {
        this.info.set(info);
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

  /** A run's length: `850 ms`, `2.4 s`, `1m 5s`; `—` before the first run. */
  took(ms: number | null): string {
    if (ms === null) return '—';
    if (ms < 1000) return `${ms} ms`;
    if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
    return formatDuration(ms / 1000);
  }

  /** Share of the file system in use, 0–100, or null when unknown. */
  usedPercent(info: SystemInfoDto): number | null {
    const { freeBytes, totalBytes } = info.disk;
    if (freeBytes == null || !totalBytes) return null;
    return Math.round(((totalBytes - freeBytes) / totalBytes) * 100);
  }
}
