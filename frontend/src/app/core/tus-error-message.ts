import type { DetailedError } from 'tus-js-client';

/** Reads the API's `{statusCode, message}` error body; null for anything else. */
function apiMessage(body: string): string | null {
  try {
    const parsed: unknown = JSON.parse(body);
    if (typeof parsed !== 'object' || parsed === null || !('message' in parsed)) return null;
    const { message } = parsed;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.join('; ');
  } catch {
    // not JSON
  }
  return null;
}

/**
 * One sentence about a failed tus upload: the API's own message when it answered with one
 * (e.g. 415 not a video or image, 422 cannot be decoded, 413 too large), the status otherwise.
 */
export function tusErrorMessage(error: Error): string {
  const { originalRequest, originalResponse } = error as Partial<DetailedError>;
  if (originalResponse) {
    const status = originalResponse.getStatus();
    const message = apiMessage(originalResponse.getBody() ?? '');
    if (message) return `${message} (HTTP ${status})`;
    return `The upload was refused (HTTP ${status}).`;
  }
  if (originalRequest) {
    return 'Cannot reach the ClippyFront API. Check that the server is running and reachable.';
  }
  return error.message;
}

/**
 * Statuses that refuse the file itself (bad request, quota, too large, not a video or image,
 * cannot be decoded): sending it again gets the same answer, so no Retry is offered.
 * Network failures, 5xx and the other 4xx (expired upload, offset conflict, rate limit) may pass.
 */
export const FINAL_UPLOAD_STATUSES: ReadonlySet<number> = new Set([400, 403, 413, 415, 422]);

export function isFinalRefusal(error: Error): boolean {
  const status = (error as Partial<DetailedError>).originalResponse?.getStatus();
  return status !== undefined && FINAL_UPLOAD_STATUSES.has(status);
}
