import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { MediaUsageDto, UsageDto } from '@clippyfront/shared';
import { BytesPipe } from '../../shared/format';
import { renderUsageText } from '../../shared/plan-format';
import { ProgressBar } from '../../shared/progress-bar';

/**
 * "Using 1.2 GiB of your storage (34 files)", with a bar once there is a quota; and, when the
 * plan is known, its name and the render time used this month.
 */
@Component({
  selector: 'cf-storage-usage',
  imports: [BytesPipe, ProgressBar],
  templateUrl: './storage-usage.html',
  host: { class: 'storage-usage', 'data-testid': 'media-usage' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StorageUsage {
  readonly usage = input<MediaUsageDto | null>(null);
  readonly error = input<string | null>(null);
  /** The user's plan (`GET /api/auth/me/usage`); null: not shown. */
  readonly plan = input<UsageDto | null>(null);

  readonly percentOfQuota = computed(() => {
    const usage = this.usage();
    if (!usage?.quotaBytes) return null;
    return (usage.usedBytes / usage.quotaBytes) * 100;
  });
  readonly renderText = computed(() => {
    const plan = this.plan();
    return plan ? renderUsageText(plan) : '';
  });
}
