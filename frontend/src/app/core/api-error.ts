import { HttpErrorResponse } from '@angular/common/http';

/** Shape of every error body the API sends. */
export interface ApiErrorBody {
  statusCode: number;
  message: string | string[];
}

function isApiErrorBody(value: unknown): value is ApiErrorBody {
  return (
    typeof value === 'object' &&
    value !== null &&
    'message' in value &&
    (typeof value.message === 'string' || Array.isArray(value.message))
  );
}

/** Turns anything an HTTP call can throw into one sentence a person can read. */
export function apiErrorMessage(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) {
      return 'Cannot reach the ClippyFront API. Check that the server is running and reachable.';
    }
    if (isApiErrorBody(error.error)) {
      const message = Array.isArray(error.error.message)
        ? error.error.message.join('; ')
        : error.error.message;
      return `${message} (HTTP ${error.status})`;
    }
    if (error.status === 502 || error.status === 503 || error.status === 504) {
      return `The ClippyFront API is unavailable (HTTP ${error.status}).`;
    }
    return `The API answered with HTTP ${error.status}${error.statusText ? ` ${error.statusText}` : ''}.`;
  }
  if (error instanceof Error) {
    return error.message;
  }
  return 'Unexpected error.';
}

export function isNotFound(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 404;
}

/**
 * The API's own messages, one per entry, without the HTTP status: a validation error (400)
 * carries one message per field, a conflict (409) one sentence. Anything else (network errors,
 * proxies answering HTML) becomes one readable sentence.
 */
export function apiErrorMessages(error: unknown): string[] {
  if (error instanceof HttpErrorResponse && error.status !== 0 && isApiErrorBody(error.error)) {
    const { message } = error.error;
    const list = Array.isArray(message) ? message : [message];
    return list.length > 0 ? list : [apiErrorMessage(error)];
  }
  return [apiErrorMessage(error)];
}

export function hasStatus(error: unknown, status: number): boolean {
  return error instanceof HttpErrorResponse && error.status === status;
}

/** Seconds from a `Retry-After` header (delta-seconds or an HTTP date), or null. */
export function retryAfterSeconds(error: unknown, now: number = Date.now()): number | null {
  if (!(error instanceof HttpErrorResponse)) return null;
  const value = error.headers?.get('Retry-After')?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, Math.ceil((date - now) / 1000));
}
