import { HttpException } from '@nestjs/common';
import { ERRORS, Server } from '@tus/server';

/** What @tus/server's hooks throw, and what its onResponseError answers. */
export interface TusError {
  status_code: number;
  body: string;
}

/** Clearer words for the tus errors a client meets in normal use. */
const MESSAGES = new Map<object, string>([
  [ERRORS.FILE_NOT_FOUND, 'Upload not found'],
  [ERRORS.FILE_NO_LONGER_EXISTS, 'The upload expired or was removed; start a new one'],
  [
    ERRORS.INVALID_OFFSET,
    "Upload-Offset is not the upload's current offset; ask with HEAD and resume from there",
  ],
  [ERRORS.ERR_SIZE_EXCEEDED, 'The data goes past the Upload-Length declared for this upload'],
  [ERRORS.ABORTED, 'The request was aborted'],
]);

/** Any error a hook or the tus handlers throw, as a status and a one-line message. */
export function describeTusError(error: unknown): TusError {
  if (error instanceof HttpException) {
    const response = error.getResponse();
    const message =
      typeof response === 'object' && response && 'message' in response
        ? (response as { message: string | string[] }).message
        : error.message;
    return {
      status_code: error.getStatus(),
      body: Array.isArray(message) ? message.join('; ') : message,
    };
  }
  const known = error as Partial<TusError> | null;
  if (typeof known?.status_code === 'number' && typeof known.body === 'string') {
    return {
      status_code: known.status_code,
      body: MESSAGES.get(known) ?? known.body.trim(),
    };
  }
  return { status_code: 500, body: 'Internal server error' };
}

/**
 * Error responses leave as JSON {statusCode, message}, like the rest of the API. Every error
 * @tus/server answers (its own 412 and header checks, and whatever a handler or hook throws)
 * goes through `write`; successful responses do not.
 */
export class TusJsonServer extends Server {
  override write(...[context, headers, status, body = '']: Parameters<Server['write']>) {
    if (status < 400) return super.write(context, headers, status, body);
    headers.set('Content-Type', 'application/json; charset=utf-8');
    const message = JSON.stringify({ statusCode: status, message: body.trim() });
    return super.write(context, headers, status, message);
  }
}
