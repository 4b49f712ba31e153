import { DOCUMENT } from '@angular/common';
import { HttpXsrfTokenExtractor } from '@angular/common/http';
import { computed, inject, Injectable, InjectionToken, signal } from '@angular/core';
import { API_PATHS, TUS_MEDIA_ID_HEADER, XSRF_HEADER, type MediaType } from '@clippyfront/shared';
import { Observable, Subject } from 'rxjs';
import { Upload, type PreviousUpload, type UploadOptions } from 'tus-js-client';
import { uploadTypeFor } from './media-kinds';
import { TransferRate } from './transfer-rate';
import { isFinalRefusal, tusErrorMessage } from './tus-error-message';

export const TUS_CHUNK_SIZE = 8 * 1024 * 1024;
export const TUS_RETRY_DELAYS: readonly number[] = [0, 1_000, 3_000, 5_000];
/** Files uploaded at the same time; the others wait in the `queued` state. */
export const MAX_PARALLEL_UPLOADS = 2;

/**
 * `queued` waits for a free slot, `uploading` sends bytes, `processing` has sent every byte
 * and waits for the server to check the file (type, ffprobe) and file it.
 */
export type UploadState = 'queued' | 'uploading' | 'processing' | 'done' | 'error' | 'cancelled';

/** One file being uploaded, as the page shows it. */
export interface MediaUpload {
  readonly id: number;
  readonly fileName: string;
  readonly sizeBytes: number;
  readonly state: UploadState;
  readonly bytesSent: number;
  readonly bytesPerSecond: number | null;
  readonly secondsLeft: number | null;
  readonly error: string | null;
  /** False when the server refused the file for good (see `isFinalRefusal`): no Retry. */
  readonly retryable: boolean;
  /** The media the upload became, once done. */
  readonly mediaId: string | null;
}

export interface UploadRequest {
  /** Applied to the files whose kind fits it (see `uploadTypeFor`); null = detected. */
  type?: MediaType | null;
  tags?: readonly string[];
}

/** The part of a tus-js-client `Upload` this service drives (tests fake it). */
export type TusUpload = Pick<
  Upload,
  'start' | 'abort' | 'findPreviousUploads' | 'resumeFromPreviousUpload'
>;
export type TusUploadFactory = (file: File, options: UploadOptions) => TusUpload;

export const TUS_UPLOAD_FACTORY = new InjectionToken<TusUploadFactory>('TUS_UPLOAD_FACTORY', {
  providedIn: 'root',
  factory: () => (file, options) => new Upload(file, options),
});

export function isUploadActive(upload: Pick<MediaUpload, 'state'>): boolean {
  return upload.state === 'queued' || upload.state === 'uploading' || upload.state === 'processing';
}

export function uploadPercent(
  upload: Pick<MediaUpload, 'state' | 'bytesSent' | 'sizeBytes'>,
): number {
  if (upload.state === 'done') return 100;
  return upload.sizeBytes > 0 ? (upload.bytesSent / upload.sizeBytes) * 100 : 0;
}

/** Upload-Metadata the API reads (`TUS_METADATA_KEYS`). */
export function uploadMetadata(file: File, request: UploadRequest): Record<string, string> {
  const metadata: Record<string, string> = {
    filename: file.name,
    filetype: file.type || 'application/octet-stream',
  };
  const type = uploadTypeFor(file, request.type ?? null);
  if (type) metadata['type'] = type;
  if (request.tags?.length) metadata['tags'] = JSON.stringify(request.tags);
  return metadata;
}

function newest(previous: PreviousUpload[]): PreviousUpload | undefined {
  return [...previous].sort((a, b) => b.creationTime.localeCompare(a.creationTime))[0];
}

interface Transfer {
  readonly file: File;
  readonly request: UploadRequest;
  readonly rate: TransferRate;
  /** The running tus upload; callbacks from any other (cancelled, replaced) one are ignored. */
  tus: TusUpload | null;
}

/**
 * Resumable uploads to the media library over tus (`API_PATHS.media.uploads`). A file dropped
 * again after a reload resumes where it stopped: tus-js-client keeps each upload's URL in
 * localStorage under the file's fingerprint. Provided in root, so uploads go on while the
 * user looks at other pages.
 */
@Injectable({ providedIn: 'root' })
export class MediaUploadService {
  private readonly createUpload = inject(TUS_UPLOAD_FACTORY);
  private readonly xsrf = inject(HttpXsrfTokenExtractor);
  private readonly endpoint = new URL(API_PATHS.media.uploads, inject(DOCUMENT).baseURI).href;

  private readonly rows = signal<readonly MediaUpload[]>([]);
  private readonly transfers = new Map<number, Transfer>();
  private readonly finished = new Subject<MediaUpload>();
  private nextId = 0;

  readonly uploads = this.rows.asReadonly();
  readonly hasActive = computed(() => this.rows().some(isUploadActive));
  readonly hasFinished = computed(() =>
    this.rows().some((u) => u.state === 'done' || u.state === 'cancelled'),
  );
  /** Each upload that became a media item. */
  readonly completed: Observable<MediaUpload> = this.finished.asObservable();

  add(files: readonly File[], request: UploadRequest = {}): void {
    const added = files.map((file): MediaUpload => {
      const id = ++this.nextId;
      this.transfers.set(id, { file, request, rate: new TransferRate(), tus: null });
      return {
        id,
        fileName: file.name,
        sizeBytes: file.size,
        state: 'queued',
        bytesSent: 0,
        bytesPerSecond: null,
        secondsLeft: null,
        error: null,
        retryable: true,
        mediaId: null,
      };
    });
    this.rows.update((rows) => [...rows, ...added]);
    this.pump();
  }

  /** Stops a queued or uploading file and asks the server to discard what it received. */
  cancel(id: number): void {
    const row = this.row(id);
    const transfer = this.transfers.get(id);
    if (!row || !transfer || (row.state !== 'queued' && row.state !== 'uploading')) return;
    const upload = transfer.tus;
    transfer.tus = null;
    // A server without the tus termination extension keeps the partial upload until it expires.
    upload?.abort(true).catch(() => undefined);
    this.patch(id, { state: 'cancelled', bytesPerSecond: null, secondsLeft: null });
    this.pump();
  }

  /** Queues a failed or cancelled file again; it resumes when the server still has its bytes. */
  retry(id: number): void {
    const row = this.row(id);
    if (!row || !row.retryable || (row.state !== 'error' && row.state !== 'cancelled')) return;
    this.patch(id, { state: 'queued', error: null, bytesPerSecond: null, secondsLeft: null });
    this.pump();
  }

  /** Removes a finished row from the list. */
  dismiss(id: number): void {
    const row = this.row(id);
    if (!row || isUploadActive(row)) return;
    this.transfers.delete(id);
    this.rows.update((rows) => rows.filter((r) => r.id !== id));
  }

  /** Removes the rows that are done or cancelled; failures stay until dismissed or retried. */
  clearFinished(): void {
    for (const row of this.rows()) {
      if (row.state === 'done' || row.state === 'cancelled') this.dismiss(row.id);
    }
  }

  private pump(): void {
    let running = this.rows().filter(
      (r) => r.state === 'uploading' || r.state === 'processing',
    ).length;
    for (const row of this.rows()) {
      if (running >= MAX_PARALLEL_UPLOADS) return;
      if (row.state === 'queued') {
        this.start(row.id);
        running++;
      }
    }
  }

  private start(id: number): void {
    const transfer = this.transfers.get(id);
    if (!transfer) return;
    transfer.rate.reset();
    this.patch(id, { state: 'uploading', bytesSent: 0 });
    const upload: TusUpload = this.createUpload(transfer.file, {
      endpoint: this.endpoint,
      chunkSize: TUS_CHUNK_SIZE,
      retryDelays: [...TUS_RETRY_DELAYS],
      removeFingerprintOnSuccess: true,
      metadata: uploadMetadata(transfer.file, transfer.request),
      // The session cookie goes along by itself (same origin); the XSRF header does not.
      onBeforeRequest: (request) => {
        const token = this.xsrf.getToken();
        if (token) request.setHeader(XSRF_HEADER, token);
      },
      onProgress: (sent, total) => {
        if (transfer.tus === upload) this.progress(id, transfer, sent, total);
      },
      onSuccess: ({ lastResponse }) => {
        if (transfer.tus !== upload) return;
        transfer.tus = null;
        this.succeed(id, lastResponse.getHeader(TUS_MEDIA_ID_HEADER) ?? null);
      },
      onError: (error) => {
        if (transfer.tus !== upload) return;
        transfer.tus = null;
        this.patch(id, {
          state: 'error',
          error: tusErrorMessage(error),
          retryable: !isFinalRefusal(error),
          bytesPerSecond: null,
          secondsLeft: null,
        });
        this.pump();
      },
    });
    transfer.tus = upload;
    const begin = (previous: PreviousUpload[]) => {
      if (transfer.tus !== upload) return;
      const resumable = newest(previous);
      if (resumable) upload.resumeFromPreviousUpload(resumable);
      upload.start();
    };
    upload.findPreviousUploads().then(begin, () => begin([]));
  }

  private progress(id: number, transfer: Transfer, sent: number, total: number): void {
    transfer.rate.sample(sent, Date.now());
    const remaining = total - sent;
    this.patch(id, {
      state: remaining > 0 ? 'uploading' : 'processing',
      bytesSent: sent,
      bytesPerSecond: remaining > 0 ? transfer.rate.bytesPerSecond : null,
      secondsLeft: remaining > 0 ? transfer.rate.secondsLeft(remaining) : null,
    });
  }

  private succeed(id: number, mediaId: string | null): void {
    const row = this.patch(id, {
      state: 'done',
      bytesSent: this.row(id)?.sizeBytes ?? 0,
      bytesPerSecond: null,
      secondsLeft: null,
      mediaId,
    });
    if (row) this.finished.next(row);
    this.pump();
  }

  private row(id: number): MediaUpload | undefined {
    return this.rows().find((r) => r.id === id);
  }

  private patch(id: number, changes: Partial<MediaUpload>): MediaUpload | undefined {
    let updated: MediaUpload | undefined;
    this.rows.update((rows) =>
      rows.map((r) => (r.id === id ? (updated = { ...r, ...changes }) : r)),
    );
    return updated;
  }
}
