import { CdkDrag, CdkDragPlaceholder, CdkDropList, type CdkDragDrop } from '@angular/cdk/drag-drop';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
} from '@angular/core';
import type { MediaDto, TimelineClipDto } from '@clippyfront/shared';
import { MediaService } from '../../../core/media.service';
import { clipTitle } from '../project-format';
import { moveItem } from './arrange-format';
import { dropInlineCdkStyles } from './cdk-drag-csp';
import { MediaThumb } from './media-thumb';
import { TimelineCard } from './timeline-card';

dropInlineCdkStyles();

/**
 * The timeline: the intro, the clips in order (dragged with the CDK, an insert marker where the
 * card will land, or moved with the keyboard), and the outro. It only reports the new order
 * (`reorder`) or a removal; the step saves them and passes the list back.
 */
@Component({
  selector: 'cf-timeline-list',
  imports: [CdkDrag, CdkDragPlaceholder, CdkDropList, MediaThumb, TimelineCard],
  templateUrl: './timeline-list.html',
  host: { class: 'timeline', 'data-testid': 'timeline' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TimelineList {
  private readonly mediaService = inject(MediaService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);

  readonly items = input.required<readonly TimelineClipDto[]>();
  readonly intro = input<MediaDto | null>(null);
  readonly outro = input<MediaDto | null>(null);

  /** The clip ids in their new order. */
  readonly reorder = output<string[]>();
  readonly remove = output<string>();

  /** Read out by screen readers after a move. */
  readonly announcement = signal('');

  thumbnailUrl(media: MediaDto): string {
    return this.mediaService.thumbnailUrl(media.id);
  }

  dropped(event: CdkDragDrop<readonly TimelineClipDto[]>): void {
    if (event.previousIndex === event.currentIndex) return;
    this.moveTo(event.previousIndex, event.currentIndex, false);
  }

  /** From the keyboard or the arrow buttons: the card keeps the focus at its new place. */
  moveBy(index: number, delta: number): void {
    this.moveTo(index, index + delta, true);
  }

  private moveTo(from: number, to: number, keepFocus: boolean): void {
    const items = this.items();
    if (to < 0 || to >= items.length) return;
    const moved = items[from]!;
    this.reorder.emit(moveItem(items, from, to).map((item) => item.id));
    this.announcement.set(`Moved “${clipTitle(moved)}” to position ${to + 1} of ${items.length}.`);
    if (keepFocus) this.focusCard(moved.id);
  }

  private focusCard(clipId: string): void {
    afterNextRender(
      () => {
        const cards = this.host.nativeElement.querySelectorAll<HTMLElement>(
          '[data-testid="timeline-card"]',
        );
        Array.from(cards)
          .find((card) => card.getAttribute('data-clip-id') === clipId)
          ?.focus();
      },
      { injector: this.injector },
    );
  }
}
