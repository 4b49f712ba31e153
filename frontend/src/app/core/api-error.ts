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
