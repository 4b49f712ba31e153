import { ChangeDetectionStrategy, Component, inject, input, output } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { MediaDto, MediaType } from '@clippyfront/shared';
import { MediaService } from '../../../core/media.service';
import { MEDIA_TYPE_LABELS } from '../../media/media-format';
import { MediaThumb } from './media-thumb';

let nextId = 0;

/** Picks one of the user's media of a type (an intro, an outro), or none, by its thumbnail. */
@Component({
  selector: 'cf-media-picker',
  imports: [MediaThumb, RouterLink],
  templateUrl: './media-picker.html',
  host: { class: 'media-picker' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaPicker {
  private readonly mediaService = inject(MediaService);

  readonly type = input.required<MediaType>();
  readonly options = input.required<readonly MediaDto[]>();
  readonly selected = input<string | null>(null);
  readonly disabled = input(false);
  readonly testId = input.required<string>();

  readonly selectedChange = output<string | null>();

  protected readonly name = `cf-media-picker-${nextId++}`;
  protected readonly labels = MEDIA_TYPE_LABELS;

  thumbnailUrl(media: MediaDto): string {
    return this.mediaService.thumbnailUrl(media.id);
  }

  choose(id: string | null): void {
    if (id !== this.selected()) this.selectedChange.emit(id);
  }
}
