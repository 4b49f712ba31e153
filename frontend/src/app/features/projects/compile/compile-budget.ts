import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { UsageDto } from '@clippyfront/shared';
import { renderSecondsLeft } from '../../../shared/plan-format';
import { formatTimeAmount } from '../../../shared/units';
import { formatClock } from '../../media/media-format';

/** The compile's estimated length and the render time the plan has left this month. */
@Component({
  selector: 'cf-compile-budget',
  imports: [DatePipe],
  template: `
    <dl class="kv kv--columns">
      <dt>Estimated length</dt>
      <dd data-testid="compile-estimate">{{ estimateText() }}</dd>
      @if (usage(); as u) {
        <dt>Render time left this month</dt>
        <dd data-testid="compile-render-left" [class.text-warning]="over()">
          {{ leftText() }}
          <span class="muted">· resets {{ u.render.resetsAt | date: 'd MMM y' : 'UTC' }}</span>
        </dd>
      }
    </dl>
  `,
  host: { class: 'compile-budget', 'data-testid': 'compile-budget' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class CompileBudget {
  /** null: not known (the arrangement could not be read). */
  readonly estimateSeconds = input<number | null>(null);
  /** null: the plan is not known. */
  readonly usage = input<UsageDto | null>(null);

  readonly estimateText = computed(() => {
    const seconds = this.estimateSeconds();
    return seconds === null ? 'unknown' : `about ${formatClock(seconds) ?? '0:00'}`;
  });
  readonly left = computed(() => {
    const usage = this.usage();
    return usage ? renderSecondsLeft(usage) : null;
  });
  readonly leftText = computed(() => {
    const usage = this.usage();
    if (!usage) return '';
    if (usage.tier?.unlimited) return 'Unlimited';
    const left = this.left();
    if (left === null) return 'No limit';
    return `${formatTimeAmount(left)} of ${formatTimeAmount(usage.render.limitSeconds)}`;
  });
  readonly over = computed(() => {
    const left = this.left();
    const estimate = this.estimateSeconds();
    return left !== null && estimate !== null && estimate > left;
  });
}
