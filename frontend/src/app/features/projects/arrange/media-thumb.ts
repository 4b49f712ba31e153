import { ChangeDetectionStrategy, Component, computed, input, linkedSignal } from '@angular/core';
import { formatClock } from '../../media/media-format';

/** A 16:9 thumbnail with its duration, or a placeholder when there is none (yet). */
@Component({
  selector: 'cf-media-thumb',
  template: `
    @if (hasThumbnail() && !broken()) {
      <img
        class="media-thumb__image"
        data-testid="media-thumb-image"
        alt=""
        loading="lazy"
        decoding="async"
        width="160"
        height="90"
        [src]="src()"
        (error)="broken.set(true)"
      />
    } @else {
      <span class="media-thumb__placeholder" data-testid="media-thumb-placeholder">{{
        placeholder()
      }}</span>
    }
    @if (clock(); as duration) {
      <span class="media-thumb__duration" data-testid="media-thumb-duration">{{ duration }}</span>
    }
  `,
  host: { class: 'media-thumb' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaThumb {
  readonly src = input.required<string>();
  readonly hasThumbnail = input(false);
  readonly durationSeconds = input<number | null>(null);
  readonly placeholder = input('No thumbnail');

  readonly clock = computed(() => formatClock(this.durationSeconds()));
  /** The image did not load although the API said it exists; tried again when that changes. */
  readonly broken = linkedSignal({ source: () => this.src(), computation: () => false });
}
