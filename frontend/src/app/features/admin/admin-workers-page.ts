import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import type { AdminWorkerDto, WorkerRegistrationTokenDto } from '@clippyfront/shared';
import { AdminWorkersService } from '../../core/admin-workers.service';
import { apiErrorMessages } from '../../core/api-error';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { RelativeTimePipe } from '../../shared/format';
import { LoadError } from '../../shared/load-error';

/**
 * Admin → Workers: every registered worker, whether it is online and what it did. Revoking asks
 * first; a one-time registration token is shown once.
 */
@Component({
  selector: 'cf-admin-workers-page',
  imports: [ConfirmDialog, DatePipe, LoadError, RelativeTimePipe],
  templateUrl: './admin-workers-page.html',
  host: { 'data-testid': 'admin-workers' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminWorkersPage {
  private readonly workersService = inject(AdminWorkersService);

  readonly now = signal(Date.now());
  readonly workers = signal<AdminWorkerDto[] | null>(null);
  readonly loadError = signal<string | null>(null);

  readonly revoking = signal<AdminWorkerDto | null>(null);
  readonly revokeBusy = signal(false);
  readonly revokeError = signal<string | null>(null);
  readonly revoked = signal<string | null>(null);

  readonly tokenMinutes = signal(60);
  readonly tokenBusy = signal(false);
  readonly tokenError = signal<string | null>(null);
  readonly newToken = signal<WorkerRegistrationTokenDto | null>(null);

  constructor() {
    this.load();
  }

  load(): void {
    this.loadError.set(null);
    this.workersService.list().subscribe({
      next: (workers) => {
        this.now.set(Date.now());
        this.workers.set(workers);
      },
      error: (err: unknown) => this.loadError.set(apiErrorMessages(err).join(' ')),
    });
  }

  askRevoke(worker: AdminWorkerDto): void {
    this.revoked.set(null);
    this.revokeError.set(null);
    this.revoking.set(worker);
  }

  cancelRevoke(): void {
    if (this.revokeBusy()) return;
    this.revoking.set(null);
    this.revokeError.set(null);
  }

  confirmRevoke(): void {
    const worker = this.revoking();
    if (!worker || this.revokeBusy()) return;
    this.revokeBusy.set(true);
    this.revokeError.set(null);
    this.workersService.revoke(worker.workerId).subscribe({
      next: ({ releasedJobs }) => {
        this.revokeBusy.set(false);
        this.revoking.set(null);
        const jobs = releasedJobs === 1 ? '1 job went' : `${releasedJobs} jobs went`;
        this.revoked.set(`Revoked ${worker.name} (${worker.workerId}); ${jobs} back to the queue.`);
        this.load();
      },
      error: (err: unknown) => {
        this.revokeBusy.set(false);
        this.revokeError.set(apiErrorMessages(err).join(' '));
      },
    });
  }

  setTokenMinutes(value: string): void {
    this.tokenMinutes.set(Number(value));
  }

  createToken(): void {
    if (this.tokenBusy()) return;
    this.tokenBusy.set(true);
    this.tokenError.set(null);
    this.newToken.set(null);
    this.workersService.createRegistrationToken(this.tokenMinutes()).subscribe({
      next: (token) => {
        this.tokenBusy.set(false);
        this.newToken.set(token);
      },
      error: (err: unknown) => {
        this.tokenBusy.set(false);
        this.tokenError.set(apiErrorMessages(err).join(' '));
      },
    });
  }
}
