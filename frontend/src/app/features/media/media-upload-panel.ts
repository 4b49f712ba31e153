import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MEDIA_TYPES, type JobState, type MediaType } from '@clippyfront/shared';
import { NgxDropzoneModule, type NgxDropzoneChangeEvent } from 'ngx-dropzone';
import {
  isUploadActive,
  MediaUploadService,
  uploadPercent,
  type MediaUpload,
  type UploadState,
} from '../../core/media-upload.service';
import { BytesPipe, DurationPipe } from '../../shared/format';
import { ProgressBar } from '../../shared/progress-bar';
import { formatRate, MEDIA_TYPE_LABELS } from './media-format';
import { dropInlineDropzoneStyles } from './ngx-dropzone-csp';
import { TagEditor } from './tag-editor';

dropInlineDropzoneStyles();

/** Browsers leave the MIME type of some containers empty; their extensions are accepted too. */
export const UPLOAD_ACCEPT = 'video/*,image/*,.mkv,.mov,.mp4,.m4v,.webm,.avi,.flv,.ts,.mts,.wmv';

/** The progress bar's colours come from the job states. */
const BAR_STATE: Record<UploadState, JobState> = {
  queued: 'queued',
  uploading: 'running',
  processing: 'running',
  done: 'completed',
  error: 'failed',
  cancelled: 'cancelled',
};

const STATE_LABELS: Record<UploadState, string> = {
  queued: 'Queued',
  uploading: 'Uploading',
  processing: 'Processing',
  done: 'Done',
  error: 'Failed',
  cancelled: 'Cancelled',
};

const REJECT_REASONS: Record<string, string> = {
  type: 'not a video or image file',
  size: 'too large',
  no_multiple: 'one file at a time',
};

/** Drop zone, the type and tags for the next uploads, and one row per file being uploaded. */
@Component({
  selector: 'cf-media-upload-panel',
  imports: [NgxDropzoneModule, BytesPipe, DurationPipe, ProgressBar, TagEditor],
  templateUrl: './media-upload-panel.html',
  host: {
    class: 'card upload-panel',
    'data-testid': 'media-upload-panel',
    '(window:beforeunload)': 'warnBeforeLeaving($event)',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MediaUploadPanel {
  private readonly uploadService = inject(MediaUploadService);

  readonly uploads = this.uploadService.uploads;
  readonly hasFinished = this.uploadService.hasFinished;
  /** null: each file keeps the type detected from its content. */
  readonly type = signal<MediaType | null>(null);
  readonly tags = signal<readonly string[]>([]);
  readonly rejected = signal<readonly string[]>([]);
  /** Says which tags the last batch got, now that they are cleared for the next one. */
  readonly tagsApplied = signal<string | null>(null);

  protected readonly accept = UPLOAD_ACCEPT;
  /** ngx-dropzone gives its file input `id="undefined"` unless it is told one. */
  protected readonly fileInputId = 'media-upload-file';
  protected readonly types = MEDIA_TYPES.map((value) => ({
    value,
    label: MEDIA_TYPE_LABELS[value],
  }));
  protected readonly barState = BAR_STATE;
  protected readonly stateLabels = STATE_LABELS;
  protected readonly percent = uploadPercent;
  protected readonly isActive = isUploadActive;
  protected readonly rate = formatRate;

  chooseType(value: string): void {
    this.type.set(MEDIA_TYPES.find((t) => t === value) ?? null);
  }

  onFiles(event: NgxDropzoneChangeEvent): void {
    this.rejected.set(
      event.rejectedFiles.map(
        (file) => `${file.name}: ${REJECT_REASONS[file.reason ?? ''] ?? 'not accepted'}`,
      ),
    );
    if (event.addedFiles.length > 0) {
      const tags = this.tags();
      this.uploadService.add(event.addedFiles, { type: this.type(), tags });
      // Tags belong to one batch: kept, they would silently tag every later upload too.
      this.tags.set([]);
      const files = event.addedFiles.length === 1 ? '1 file' : `${event.addedFiles.length} files`;
      this.tagsApplied.set(
        tags.length > 0
          ? `Tagged ${files} with ${tags.map((t) => `“${t}”`).join(', ')}. Tags are cleared for the next uploads.`
          : null,
      );
    }
  }

  cancel(upload: MediaUpload): void {
    this.uploadService.cancel(upload.id);
  }

  retry(upload: MediaUpload): void {
    this.uploadService.retry(upload.id);
  }

  dismiss(upload: MediaUpload): void {
    this.uploadService.dismiss(upload.id);
  }

  clearFinished(): void {
    this.uploadService.clearFinished();
  }

  /** Leaving the page stops the uploads (they resume when the same files are dropped again). */
  warnBeforeLeaving(event: BeforeUnloadEvent): void {
    if (this.uploadService.hasActive()) event.preventDefault();
  }
}
