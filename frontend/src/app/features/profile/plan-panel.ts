import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import type { UsageDto } from '@clippyfront/shared';
import { apiErrorMessage } from '../../core/api-error';
import { AuthService } from '../../core/auth.service';
import { UsageService } from '../../core/usage.service';
import { LoadError } from '../../shared/load-error';
import {
  percentUsed,
  renderUsageText,
  storageUsageText,
  watermarkOn,
} from '../../shared/plan-format';
import { ProgressBar } from '../../shared/progress-bar';

/** The user's plan: what they may store and render, what they used, and the output caps. */
@Component({
  selector: 'cf-plan-panel',
  imports: [DatePipe, LoadError, ProgressBar],
  templateUrl: './plan-panel.html',
  host: {
    class: 'card',
    role: 'region',
    'aria-labelledby': 'plan-title',
    'data-testid': 'plan-panel',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PlanPanel {
  private readonly usageService = inject(UsageService);
  private readonly auth = inject(AuthService);

  readonly usage = signal<UsageDto | null>(null);
  readonly error = signal<string | null>(null);

  readonly storageText = computed(() => {
    const usage = this.usage();
    return usage ? storageUsageText(usage) : '';
  });
  readonly renderText = computed(() => {
    const usage = this.usage();
    return usage ? renderUsageText(usage) : '';
  });
  readonly storagePercent = computed(() => {
    const usage = this.usage();
    if (!usage || usage.tier?.unlimited) return null;
    return percentUsed(usage.storage.usedBytes, usage.storage.limitBytes);
  });
  readonly renderPercent = computed(() => {
    const usage = this.usage();
    if (!usage || usage.tier?.unlimited) return null;
    return percentUsed(usage.render.usedSecondsThisMonth, usage.render.limitSeconds);
  });
  readonly watermark = computed(() => {
    const usage = this.usage();
    return usage ? watermarkOn(usage, this.auth.user()?.watermarkOverride) : true;
  });

  constructor() {
    this.load();
  }

  load(): void {
    this.error.set(null);
    this.usageService.get().subscribe({
      next: (usage) => this.usage.set(usage),
      error: (err: unknown) => this.error.set(apiErrorMessage(err)),
    });
  }
}
