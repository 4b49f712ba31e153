import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import type {
  MediaBulkRequest,
  MediaDto,
  MediaType,
  MediaUsageDto,
  UsageDto,
} from '@clippyfront/shared';
import { apiErrorMessage } from '../../core/api-error';
import { MediaUploadService } from '../../core/media-upload.service';
import { MediaService } from '../../core/media.service';
import { UsageService } from '../../core/usage.service';
import { ConfirmDialog } from '../../shared/confirm-dialog';
import { LoadError } from '../../shared/load-error';
import { PagedList } from '../../shared/paged-list';
import { Pager } from '../../shared/pager';
import { MediaBulkBar } from './media-bulk-bar';
import { MediaCard } from './media-card';
import { DEFAULT_MEDIA_FILTERS, MediaFiltersBar, type MediaFilters } from './media-filters';
import { MediaPreviewDialog } from './media-preview-dialog';
import { MediaUploadPanel } from './media-upload-panel';
import { StorageUsage } from './storage-usage';

export const MEDIA_PAGE_SIZE = 24;
/** While a shown media has no thumbnail yet, the list is re-read this often… */
export const THUMBNAIL_POLL_MS = 2_000;
/** …for at most this long after the media was first seen without one. */
export const THUMBNAIL_WAIT_MS = 60_000;

const BULK_DONE: Record<MediaBulkRequest['action'], string> = {
  delete: 'Deleted',
  setType: 'Changed the type of',
  setTags: 'Replaced the tags of',
  addTags: 'Added tags to',
};

@Component({
  selector: 'cf-media-library-page',
  imports: [
    ConfirmDialog,
    LoadError,
    MediaBulkBar,
    MediaCard,
    MediaFiltersBar,
    MediaPreviewDialog,
    MediaUploadPanel,
    Pager,
    StorageUsage,
  ],
  templateUrl: './media-library-page.html',
  host: { 'data-testid': 'media-library' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaLibraryPage {
  private readonly mediaService = inject(MediaService);
  private readonly usageService = inject(UsageService);

  readonly filters = signal<MediaFilters>(DEFAULT_MEDIA_FILTERS);
  /** Back to the first page whenever the filters change. */
  readonly library = new PagedList<MediaFilters, MediaDto>({
    pageSize: MEDIA_PAGE_SIZE,
    query: this.filters,
    fetch: ({ type, tag, q, sort }, range) =>
      this.mediaService.list({ type, tag, q, sort, ...range }),
    pageChanged: () => this.selected.set(new Set()),
    loaded: (items) => this.afterLoad(items),
  });

  readonly usage = signal<MediaUsageDto | null>(null);
  readonly usageError = signal<string | null>(null);
  /** The plan and render time used; without it the usage bar just leaves them out. */
  readonly plan = signal<UsageDto | null>(null);

  readonly selected = signal<ReadonlySet<string>>(new Set());
  readonly bulkBusy = signal(false);
  readonly bulkError = signal<string | null>(null);
  readonly bulkDone = signal<string | null>(null);
  readonly confirmingDelete = signal(false);

  readonly previewed = signal<MediaDto | null>(null);
  /** When each media without a thumbnail was first seen (ms), to stop waiting after a while. */
  private readonly thumbnailWaitSince = signal<ReadonlyMap<string, number>>(new Map());
  readonly now = signal(Date.now());

  readonly filtered = computed(() => {
    const { type, tag, q } = this.filters();
    return type !== null || tag !== '' || q !== '';
  });
  readonly selectedCount = computed(() => this.selected().size);
  readonly allOnPageSelected = computed(() => {
    const items = this.library.items();
    return items.length > 0 && items.every((m) => this.selected().has(m.id));
  });
  readonly someOnPageSelected = computed(
    () => !this.allOnPageSelected() && this.library.items().some((m) => this.selected().has(m.id)),
  );

  constructor() {
    this.loadUsage();
    this.usageService.get().subscribe({
      next: (plan) => this.plan.set(plan),
      error: () => this.plan.set(null),
    });
    inject(MediaUploadService)
      .completed.pipe(takeUntilDestroyed())
      .subscribe(() => {
        this.reload();
        this.loadUsage();
      });
  }

  thumbnailPending(media: MediaDto): boolean {
    const since = this.thumbnailWaitSince().get(media.id);
    return !media.hasThumbnail && since !== undefined && this.now() - since < THUMBNAIL_WAIT_MS;
  }

  reload(): void {
    this.library.reload();
  }

  toggle(media: MediaDto, checked: boolean): void {
    this.selected.update((set) => {
      const next = new Set(set);
      if (checked) next.add(media.id);
      else next.delete(media.id);
      return next;
    });
  }

  selectAllOnPage(checked: boolean): void {
    this.selected.set(checked ? new Set(this.library.items().map((m) => m.id)) : new Set());
  }

  clearSelection(): void {
    this.selected.set(new Set());
  }

  open(media: MediaDto): void {
    this.previewed.set(media);
  }

  closePreview(): void {
    this.previewed.set(null);
  }

  onSaved(media: MediaDto): void {
    this.previewed.set(media);
    this.library.items.update((items) => items.map((m) => (m.id === media.id ? media : m)));
  }

  setType(type: MediaType): void {
    this.bulk({ action: 'setType', type });
  }

  setTags(tags: string[]): void {
    this.bulk({ action: 'setTags', tags });
  }

  addTags(tags: string[]): void {
    this.bulk({ action: 'addTags', tags });
  }

  requestDelete(): void {
    this.bulkError.set(null);
    this.confirmingDelete.set(true);
  }

  cancelDelete(): void {
    this.confirmingDelete.set(false);
  }

  confirmDelete(): void {
    this.bulk({ action: 'delete' });
  }

  private bulk(request: Omit<MediaBulkRequest, 'ids'>): void {
    const ids = [...this.selected()];
    if (ids.length === 0 || this.bulkBusy()) return;
    this.bulkBusy.set(true);
    this.bulkError.set(null);
    this.bulkDone.set(null);
    this.mediaService.bulk({ ...request, ids }).subscribe({
      next: (result) => {
        this.bulkBusy.set(false);
        this.confirmingDelete.set(false);
        this.bulkDone.set(
          `${BULK_DONE[result.action]} ${result.affected} ${result.affected === 1 ? 'item' : 'items'}.`,
        );
        if (result.action === 'delete') {
          this.selected.set(new Set());
          this.loadUsage();
        }
        this.reload();
      },
      error: (err: unknown) => {
        this.bulkBusy.set(false);
        this.bulkError.set(apiErrorMessage(err));
      },
    });
  }

  /** Keeps the selection to what is shown, follows the preview, waits for thumbnails. */
  private afterLoad(items: readonly MediaDto[]): void {
    const shown = new Set(items.map((m) => m.id));
    const selected = this.selected();
    if ([...selected].some((id) => !shown.has(id))) {
      this.selected.set(new Set([...selected].filter((id) => shown.has(id))));
    }
    const previewed = this.previewed();
    const fresh = previewed && items.find((m) => m.id === previewed.id);
    if (fresh) this.previewed.set(fresh);

    const now = Date.now();
    const waits = new Map<string, number>();
    for (const media of items) {
      if (!media.hasThumbnail) waits.set(media.id, this.thumbnailWaitSince().get(media.id) ?? now);
    }
    this.thumbnailWaitSince.set(waits);
    this.now.set(now);
    if ([...waits.values()].some((since) => now - since < THUMBNAIL_WAIT_MS)) {
      this.library.reloadAfter(THUMBNAIL_POLL_MS);
    }
  }

  private loadUsage(): void {
    this.mediaService.usage().subscribe({
      next: (usage) => {
        this.usage.set(usage);
        this.usageError.set(null);
      },
      error: (err: unknown) => this.usageError.set(apiErrorMessage(err)),
    });
  }
}
