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

/** The JSON an error response carries: {statusCode, message} and any details (quota numbers). */
function errorJson(statusCode: number, message: string, details: object = {}): string {
  return JSON.stringify({ ...details, statusCode, message: message.trim() });
}

/**
 * Any error a hook or the tus handlers throw, as a status and its JSON body; an HttpException
 * keeps its details (e.g. remainingBytes and limitBytes), as the API's exception filter does.
 */
export function describeTusError(error: unknown): TusError {
  if (error instanceof HttpException) {
    const response = error.getResponse();
    let message = error.message;
    let details: object = {};
    if (typeof response === 'object' && response && 'message' in response) {
      // Nest's `error` ("Bad Request") only repeats the status; other fields are details.
      const {
        message: text,
        statusCode: _status,
        error: _error,
        ...rest
      } = response as {
        message: string | string[];
        [detail: string]: unknown;
      };
      message = Array.isArray(text) ? text.join('; ') : text;
      details = rest;
    }
    const status = error.getStatus();
    return { status_code: status, body: errorJson(status, message, details) };
  }
  const known = error as Partial<TusError> | null;
  if (typeof known?.status_code === 'number' && typeof known.body === 'string') {
    const message = MESSAGES.get(known) ?? known.body;
    return { status_code: known.status_code, body: errorJson(known.status_code, message) };
  }
  return { status_code: 500, body: errorJson(500, 'Internal server error') };
}

/**
 * Error responses leave as JSON {statusCode, message}, like the rest of the API. Every error
 * @tus/server answers (its own 412 and header checks, and whatever a handler or hook throws)
 * goes through `write`; successful responses do not. What onResponseError described is JSON
 * already; tus's own plain-text errors are wrapped.
 */
export class TusJsonServer extends Server {
  override write(...[context, headers, status, body = '']: Parameters<Server['write']>) {
    if (status < 400) return super.write(context, headers, status, body);
    headers.set('Content-Type', 'application/json; charset=utf-8');
    return super.write(
      context,
      headers,
      status,
      isErrorJson(body, status) ? body : errorJson(status, body),
    );
  }
}

function isErrorJson(body: string, status: number): boolean {
  if (!body.startsWith('{')) return false;
  try {
    return (JSON.parse(body) as { statusCode?: unknown }).statusCode === status;
  } catch {
    return false;
  }
}
