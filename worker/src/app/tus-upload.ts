import { createReadStream } from 'node:fs';
import { Upload, type DetailedError, type HttpResponse } from 'tus-js-client';

export interface TusUploadOptions {
  endpoint: string;
  headers: Record<string, string>;
  metadata: Record<string, string>;
  /** Bytes per PATCH request: no single request carries a large file. */
  chunkSize: number;
  /** Waits before each retry of a failed request (a retry resumes from the server's offset). */
  retryDelays?: number[];
  signal?: AbortSignal;
}

export class TusUploadError extends Error {
  constructor(
    readonly status: number | null,
    message: string,
  ) {
    super(message);
    this.name = 'TusUploadError';
  }

  /**
   * The API's 409 for a claim that is no longer current (or a cancelled job); tus itself
   * answers 409 for an offset that does not match, which a retry (HEAD, then PATCH) mends.
   */
  get claimLost(): boolean {
    return this.status === 409 && /stop working on it/.test(this.message);
  }
}

/**
 * Waits between retries so that they go on for about `retrySeconds` (e.g. an API restart);
 * tus-js-client starts counting again once a retry moved the upload on.
 */
export function tusRetryDelays(retrySeconds: number): number[] {
  const delays = [0];
  for (let total = 0, next = 500; total < retrySeconds * 1000; next = Math.min(next * 2, 5000)) {
    delays.push(next);
    total += next;
  }
  return delays;
}

/** Retried: no answer, 502/503/504 (the API is away), 423 and tus's offset 409. */
const RETRY_STATUSES = new Set([0, 409, 423, 502, 503, 504]);

function shouldRetry(error: DetailedError): boolean {
  const described = describe(error);
  return !described.claimLost && RETRY_STATUSES.has(described.status ?? 0);
}

/** The server's `{message}` when it sent one (a string or a list), else tus-js-client's text. */
function describe(error: Error | DetailedError): TusUploadError {
  const response = 'originalResponse' in error ? error.originalResponse : null;
  if (!response) return new TusUploadError(null, error.message);
  let message: unknown;
  try {
    message = (JSON.parse(response.getBody()) as { message?: unknown }).message;
  } catch {
    message = response.getBody().trim().slice(0, 200) || undefined;
  }
  const text = Array.isArray(message) ? message.join('; ') : message ? String(message) : '';
  return new TusUploadError(response.getStatus(), text || error.message);
}

/** Sends a local file with tus 1.0; resolves with the response of the request that completed it. */
export function tusUpload(localPath: string, options: TusUploadOptions): Promise<HttpResponse> {
  if (options.signal?.aborted) return Promise.reject(new Error('Cancelled'));
  // A ReadStream with a path lets tus-js-client re-read any range, so a retry can resume.
  const file = createReadStream(localPath);
  let onAbort: (() => void) | undefined;
  return new Promise<HttpResponse>((resolve, reject) => {
    const upload = new Upload(file as unknown as Buffer, {
      endpoint: options.endpoint,
      headers: options.headers,
      metadata: options.metadata,
      chunkSize: options.chunkSize,
      retryDelays: options.retryDelays ?? [0, 1000, 3000, 5000],
      onShouldRetry: shouldRetry,
      onSuccess: ({ lastResponse }) => resolve(lastResponse),
      onError: (error) => reject(describe(error)),
    });
    onAbort = () => {
      // true: the server is told to drop what it received.
      void upload.abort(true).catch(() => undefined);
      reject(new Error('Cancelled'));
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    upload.start();
  }).finally(() => {
    if (onAbort) options.signal?.removeEventListener('abort', onAbort);
    file.destroy();
  });
}
