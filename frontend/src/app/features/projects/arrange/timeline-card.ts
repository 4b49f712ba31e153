import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import type { TimelineClipDto } from '@clippyfront/shared';
import { ClipsService } from '../../../core/clips.service';
import { formatClock } from '../../media/media-format';
import { clipTitle } from '../project-format';
import { MediaThumb } from './media-thumb';

/**
 * One clip on the timeline: thumbnail, title, creator, duration, a border in the clip type's
 * colour, and buttons to move it up or down or take it off. Focused, Alt+↑ / Alt+↓ move it too.
 */
@Component({
  selector: 'cf-timeline-card',
  imports: [MediaThumb],
  templateUrl: './timeline-card.html',
  host: {
    class: 'timeline-card timeline-card--clip',
    role: 'listitem',
    tabindex: '0',
    'data-testid': 'timeline-card',
    '[attr.data-clip-id]': 'clip().id',
    '[attr.aria-label]': 'label()',
    '(keydown.alt.arrowup)': 'keyMove($event, -1)',
    '(keydown.alt.arrowdown)': 'keyMove($event, 1)',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TimelineCard {
  private readonly clipsService = inject(ClipsService);

  readonly clip = input.required<TimelineClipDto>();
  /** 0-based place on the timeline, and how many clips it holds. */
  readonly index = input.required<number>();
  readonly count = input.required<number>();

  /** -1: one place earlier, 1: one place later. */
  readonly moveBy = output<number>();
  readonly remove = output<void>();

  readonly title = computed(() => clipTitle(this.clip()));
  readonly thumbnailUrl = computed(() => this.clipsService.thumbnailUrl(this.clip().id));
  readonly avatarUrl = computed(() => this.clipsService.avatarUrl(this.clip().id));
  readonly duration = computed(() => formatClock(this.clip().durationSeconds));
  /** `plays 0:30` when the clip is cut to the project's longest clip. */
  readonly cut = computed(() => {
    const { durationSeconds, playSeconds } = this.clip();
    if (durationSeconds == null || playSeconds == null || playSeconds >= durationSeconds - 0.05) {
      return null;
    }
    return formatClock(playSeconds);
  });
  readonly label = computed(() => {
    const creator = this.clip().creatorName ? ` by ${this.clip().creatorName}` : '';
    const duration = this.duration() ? `, ${this.duration()}` : '';
    return `Clip ${this.index() + 1} of ${this.count()}: ${this.title()}${creator}${duration}`;
  });
  readonly avatarBroken = linkedSignal({
    source: () => this.clip().hasAvatar,
    computation: () => false,
  });

  keyMove(event: Event, delta: number): void {
    if (event.target !== event.currentTarget) return;
    event.preventDefault();
    const next = this.index() + delta;
    if (next >= 0 && next < this.count()) this.moveBy.emit(delta);
  }
}
