import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, inject, signal } from '@angular/core';
import type { IngestScanResultDto, IngestState, IngestStatusDto } from '@clippyfront/shared';
import type { Subscription } from 'rxjs';
import { AdminIngestService } from '../../core/admin-ingest.service';
import { apiErrorMessage } from '../../core/api-error';
import { LoadError } from '../../shared/load-error';

const STATE_PILL: Record<IngestState, string> = {
  imported: 'pill--up',
  skipped: '',
  waiting: 'pill--embedded',
  failed: 'pill--down',
};

/** Admin → Ingest: what the importer is set to, what its last scan found, and "Scan now". */
@Component({
  selector: 'cf-admin-ingest-page',
  imports: [DatePipe, LoadError],
  templateUrl: './admin-ingest-page.html',
  host: { 'data-testid': 'admin-ingest' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminIngestPage {
  private readonly ingest = inject(AdminIngestService);

  readonly status = signal<IngestStatusDto | null>(null);
  readonly error = signal<string | null>(null);
  readonly scanError = signal<string | null>(null);
  readonly loading = signal(false);
  readonly scanning = signal(false);

  private request?: Subscription;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.request?.unsubscribe());
    this.refresh();
  }

  refresh(): void {
    this.request?.unsubscribe();
    this.loading.set(true);
    this.request = this.ingest.status().subscribe({
      next: (status) => {
        this.status.set(status);
        this.error.set(null);
        this.loading.set(false);
      },
      error: (err: unknown) => {
        this.error.set(apiErrorMessage(err));
        this.loading.set(false);
      },
    });
  }

  scanNow(): void {
    this.scanning.set(true);
    this.scanError.set(null);
    this.ingest.scan().subscribe({
      next: (result: IngestScanResultDto) => {
        const current = this.status();
        if (current) this.status.set({ ...current, lastScan: result });
        this.scanning.set(false);
        this.refresh();
      },
      error: (err: unknown) => {
        this.scanError.set(apiErrorMessage(err));
        this.scanning.set(false);
      },
    });
  }

  pill(state: IngestState): string {
    return STATE_PILL[state];
  }
}
