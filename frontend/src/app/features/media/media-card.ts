import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  linkedSignal,
  output,
} from '@angular/core';
import type { MediaDto } from '@clippyfront/shared';
import { MediaService } from '../../core/media.service';
import { formatClock, MEDIA_TYPE_LABELS, mediaSummary } from './media-format';

/** One library item: thumbnail, name, type, duration/resolution/size, tags, a select box. */
@Component({
  selector: 'cf-media-card',
  templateUrl: './media-card.html',
  host: {
    '[class]': '"media-card media-card--" + media().type',
    '[class.media-card--selected]': 'selected()',
    'data-testid': 'media-card',
    '[attr.data-media-id]': 'media().id',
    '[attr.data-type]': 'media().type',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaCard {
  private readonly mediaService = inject(MediaService);

  readonly media = input.required<MediaDto>();
  readonly selected = input(false);
  /** True while the library still expects this media's thumbnail to appear. */
  readonly thumbnailPending = input(false);

  readonly selectedChange = output<boolean>();
  readonly opened = output<void>();

  readonly thumbnailUrl = computed(() => this.mediaService.thumbnailUrl(this.media().id));
  readonly typeLabel = computed(() => MEDIA_TYPE_LABELS[this.media().type]);
  readonly clock = computed(() => formatClock(this.media().durationSeconds));
  readonly summary = computed(() => mediaSummary(this.media()));
  /** The image did not load although the API said it exists; tried again when that changes. */
  readonly thumbnailBroken = linkedSignal({
    source: () => this.media().hasThumbnail,
    computation: () => false,
  });
}
