import { DatePipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import type { ClipDto } from '@clippyfront/shared';
import { ClipsService } from '../../core/clips.service';
import { ProgressBar } from '../../shared/progress-bar';
import { formatClock } from '../media/media-format';
import { CLIP_SOURCE_LABELS, CLIP_STATE_LABELS, clipTitle, formatViews } from './project-format';

export type ClipAction = 'retry' | 'remove';

/**
 * One clip of a project: thumbnail, title (the URL until known), creator with avatar, game,
 * duration, views, source, state with download progress or the error, and its actions.
 */
@Component({
  selector: 'cf-clip-row',
  imports: [DatePipe, ProgressBar],
  templateUrl: './clip-row.html',
  host: {
    '[class]': '"clip-row clip-row--" + clip().state',
    role: 'listitem',
    'data-testid': 'clip-row',
    '[attr.data-clip-id]': 'clip().id',
    '[attr.data-state]': 'clip().state',
    '[attr.data-source]': 'clip().source',
    '[attr.data-url]': 'clip().sourceUrl',
    '[attr.aria-busy]': 'busy() !== null',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ClipRow {
  private readonly clipsService = inject(ClipsService);

  readonly clip = input.required<ClipDto>();
  /** The action in flight for this clip, if any. */
  readonly busy = input<ClipAction | null>(null);
  /** True while the page still expects this ready clip's thumbnail to appear. */
  readonly thumbnailPending = input(false);

  readonly retry = output<void>();
  readonly remove = output<void>();

  readonly title = computed(() => clipTitle(this.clip()));
  readonly titleKnown = computed(() => !!this.clip().title?.trim());
  readonly thumbnailUrl = computed(() => this.clipsService.thumbnailUrl(this.clip().id));
  readonly avatarUrl = computed(() => this.clipsService.avatarUrl(this.clip().id));
  readonly duration = computed(() => formatClock(this.clip().durationSeconds));
  readonly views = computed(() => formatViews(this.clip().viewCount));
  readonly stateLabel = computed(() => CLIP_STATE_LABELS[this.clip().state]);
  readonly sourceLabel = computed(() => CLIP_SOURCE_LABELS[this.clip().source]);
  readonly placeholder = computed(() => {
    switch (this.clip().state) {
      case 'queued':
        return 'Waiting to download…';
      case 'downloading':
        return 'Downloading…';
      case 'failed':
        return 'No video';
      default:
        return this.thumbnailPending() ? 'Making a thumbnail…' : 'No thumbnail';
    }
  });
  /** An image that did not load although the API said it exists; tried again when that changes. */
  readonly thumbnailBroken = linkedSignal({
    source: () => this.clip().hasThumbnail,
    computation: () => false,
  });
  readonly avatarBroken = linkedSignal({
    source: () => this.clip().hasAvatar,
    computation: () => false,
  });
}
