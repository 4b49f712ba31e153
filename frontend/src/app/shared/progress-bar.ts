import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { JobState } from '@clippyfront/shared';

/**
 * Accessible progress bar (the host is the `progressbar`). The fill width is set through a
 * style binding, which Angular applies via the CSSOM, so it keeps working under a
 * Content-Security-Policy without `'unsafe-inline'` styles.
 */
@Component({
  selector: 'cf-progress-bar',
  template: `
    <span class="progress__track" aria-hidden="true">
      <span class="progress__fill" [style.width.%]="percent()"></span>
    </span>
    @if (showValue()) {
      <span class="progress__value">{{ percent() }}%</span>
    }
  `,
  host: {
    role: 'progressbar',
    'aria-valuemin': '0',
    'aria-valuemax': '100',
    '[attr.aria-valuenow]': 'percent()',
    '[attr.aria-label]': 'label()',
    '[attr.data-value]': 'percent()',
    '[class]': '"progress progress--" + (state() ?? "neutral")',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ProgressBar {
  /** 0–100. */
  readonly value = input<number | null | undefined>(0);
  readonly state = input<JobState | null>(null);
  readonly showValue = input(true);
  readonly label = input('Progress');

  readonly percent = computed(() => {
    const v = Number(this.value() ?? 0);
    if (!Number.isFinite(v)) return 0;
    return Math.round(Math.min(100, Math.max(0, v)));
  });
}
