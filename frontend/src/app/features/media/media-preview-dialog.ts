import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import type { MediaDto } from '@clippyfront/shared';
import { kindOfType } from '../../core/media-kinds';
import { MediaService } from '../../core/media.service';
import { mediaSummary } from './media-format';
import { MediaDetailsForm } from './media-details-form';
import { VideoPlayer } from './video-player';

let nextId = 0;

/**
 * A modal `<dialog>` with the media itself (video.js for videos, the image for images) and its
 * details form. The browser keeps focus inside and the page behind inert; Esc, a click on the
 * backdrop and the Close button close it, and focus returns to what opened it.
 */
@Component({
  selector: 'cf-media-preview-dialog',
  imports: [MediaDetailsForm, VideoPlayer],
  templateUrl: './media-preview-dialog.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaPreviewDialog {
  private readonly mediaService = inject(MediaService);
  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');

  readonly media = input.required<MediaDto>();
  readonly closed = output<void>();
  readonly saved = output<MediaDto>();

  readonly streamUrl = computed(() => this.mediaService.streamUrl(this.media().id));
  readonly isImage = computed(() => kindOfType(this.media().type) === 'image');
  readonly summary = computed(() => mediaSummary(this.media()));
  readonly codecs = computed(() => {
    const { videoCodec, audioCodec, fps } = this.media();
    return [videoCodec, audioCodec, fps ? `${Math.round(fps * 100) / 100} fps` : null]
      .filter(Boolean)
      .join(' · ');
  });

  protected readonly titleId = `cf-media-preview-title-${++nextId}`;

  constructor() {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    afterNextRender(() => {
      const dialog = this.dialog().nativeElement;
      // Every browser has showModal; jsdom (the unit tests) does not.
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    });
    inject(DestroyRef).onDestroy(() => {
      if (opener?.isConnected) opener.focus();
    });
  }

  close(): void {
    this.closed.emit();
  }

  /** Esc: the page removes the dialog, rather than the browser hiding it. */
  onCancel(event: Event): void {
    event.preventDefault();
    this.close();
  }

  /** A click on the dialog element itself, not its content, is a click on the backdrop. */
  onClick(event: MouseEvent): void {
    if (event.target === event.currentTarget) this.close();
  }
}
