import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { TierDto } from '@clippyfront/shared';
import { AdminTiersService } from '../../core/admin-tiers.service';
import { apiErrorMessage, apiErrorMessages } from '../../core/api-error';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { LoadError } from '../../shared/load-error';
import { tierCapsText, tierRenderText, tierStorageText } from './tier-format';

/** Every tier with its limits, caps and user count; create, edit, delete. */
@Component({
  selector: 'cf-admin-tiers-page',
  imports: [ConfirmDialog, LoadError, RouterLink],
  templateUrl: './admin-tiers-page.html',
  host: { 'data-testid': 'admin-tiers' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AdminTiersPage {
  private readonly tiersService = inject(AdminTiersService);

  readonly tiers = signal<TierDto[]>([]);
  readonly loaded = signal(false);
  readonly loadError = signal<string | null>(null);

  readonly deleting = signal<TierDto | null>(null);
  readonly deleteBusy = signal(false);
  readonly deleteError = signal<string | null>(null);
  readonly deleted = signal<string | null>(null);

  protected readonly storageText = tierStorageText;
  protected readonly renderText = tierRenderText;
  protected readonly capsText = tierCapsText;

  constructor() {
    this.load();
  }

  load(): void {
    this.loadError.set(null);
    this.tiersService.list().subscribe({
      next: (tiers) => {
        this.tiers.set(tiers);
        this.loaded.set(true);
      },
      error: (err: unknown) => this.loadError.set(apiErrorMessage(err)),
    });
  }

  askDelete(tier: TierDto): void {
    this.deleted.set(null);
    this.deleteError.set(null);
    this.deleting.set(tier);
  }

  cancelDelete(): void {
    if (this.deleteBusy()) return;
    this.deleting.set(null);
    this.deleteError.set(null);
  }

  confirmDelete(): void {
    const tier = this.deleting();
    if (!tier || this.deleteBusy()) return;
    this.deleteBusy.set(true);
    this.deleteError.set(null);
    this.tiersService.delete(tier.id).subscribe({
      next: () => {
        this.deleteBusy.set(false);
        this.deleting.set(null);
        this.tiers.update((list) => list.filter((t) => t.id !== tier.id));
        this.deleted.set(`Deleted the tier “${tier.name}”.`);
      },
      error: (err: unknown) => {
        this.deleteBusy.set(false);
        // 409: users still have it (the API says how many), or it is the default.
        this.deleteError.set(apiErrorMessages(err).join(' '));
      },
    });
  }
}
