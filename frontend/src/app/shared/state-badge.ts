import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import type { JobState } from '@clippyfront/shared';

/** Coloured job-state badge. The text is the raw state; CSS capitalises it. */
@Component({
  selector: 'cf-state-badge',
  template: `<span class="badge__dot" aria-hidden="true"></span>{{ state() }}`,
  host: {
    '[class]': '"badge badge--" + state()',
    '[attr.data-state]': 'state()',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StateBadge {
  readonly state = input.required<JobState>();
}
