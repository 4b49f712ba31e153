import {
  ChangeDetectionStrategy,
  Component,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MEDIA_TYPES, type MediaType } from '@clippyfront/shared';
import { MEDIA_TYPE_LABELS } from './media-format';
import { TagEditor } from './tag-editor';

/** What can be done to every selected media at once; the library page carries it out. */
@Component({
  selector: 'cf-media-bulk-bar',
  imports: [TagEditor],
  templateUrl: './media-bulk-bar.html',
  host: {
    class: 'bulk-bar',
    'data-testid': 'media-bulk-bar',
    role: 'region',
    'aria-label': 'Bulk actions',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaBulkBar {
  readonly count = input.required<number>();
  readonly busy = input(false);

  readonly typeSet = output<MediaType>();
  readonly tagsSet = output<string[]>();
  readonly tagsAdded = output<string[]>();
  readonly deleteRequested = output<void>();
  readonly cleared = output<void>();

  readonly type = signal<MediaType>('clip');
  readonly tags = signal<readonly string[]>([]);

  protected readonly types = MEDIA_TYPES.map((value) => ({
    value,
    label: MEDIA_TYPE_LABELS[value],
  }));
  private readonly tagEditor = viewChild.required(TagEditor);

  chooseType(value: string): void {
    const type = MEDIA_TYPES.find((t) => t === value);
    if (type) this.type.set(type);
  }

  applyType(): void {
    this.typeSet.emit(this.type());
  }

  /** Replaces every selected media's tags (none typed = remove all tags). */
  replaceTags(): void {
    if (this.tagEditor().commit()) this.tagsSet.emit([...this.tags()]);
  }

  addTags(): void {
    if (this.tagEditor().commit() && this.tags().length > 0) this.tagsAdded.emit([...this.tags()]);
  }
}
