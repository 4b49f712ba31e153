import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { AddressPolicy } from './address-policy.js';
import { refusalForContentType } from './content-check.js';
import { dispositionFileName, urlFileName } from './file-name.js';
import { httpStatusMessage, tooLargeMessage } from './format.js';
import { guardedGet } from './guarded-request.js';

export interface HttpDownloadOptions {
  /** Where the file is written (the job's private folder). */
  destDir: string;
  maxBytes: number;
  /** Connection, headers and each wait for more bytes. */
  timeoutMs: number;
  signal: AbortSignal;
  isAllowedAddress: AddressPolicy;
  maxRedirects?: number;
  onProgress?: (receivedBytes: number, totalBytes: number | null) => void;
  onRedirect?: (url: string) => void;
}

export interface HttpDownloadResult {
  path: string;
  sizeBytes: number;
  contentType: string | null;
  /** From Content-Disposition, else the last segment of the final URL. */
  suggestedName: string | null;
  finalUrl: string;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** Follows redirects itself, so that every hop goes through the address check again. */
async function openFinalResponse(
  start: URL,
  options: HttpDownloadOptions,
): Promise<{ response: IncomingMessage; url: URL }> {
  const maxRedirects = options.maxRedirects ?? 5;
  let url = start;
  for (let hop = 0; ; hop++) {
    const response = await guardedGet(url, {
      policy: options.isAllowedAddress,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
    });
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (!REDIRECTS.has(status) || !location) return { response, url };
    response.destroy();
    if (hop >= maxRedirects) throw new Error(`Too many redirects (more than ${maxRedirects})`);
    url = new URL(location, url);
    options.onRedirect?.(url.href);
  }
}

function refuseResponse(response: IncomingMessage, maxBytes: number): string | null {
  const status = response.statusCode ?? 0;
  if (status < 200 || status > 299) return httpStatusMessage(status);
  const declared = Number(response.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return tooLargeMessage(declared, maxBytes);
  return refusalForContentType(response.headers['content-type']);
}

function describeFailure(error: Error, signal: AbortSignal): Error {
  if (signal.aborted) return new Error('Cancelled');
  if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' || error.message === 'aborted') {
    return new Error('The connection closed before the download finished');
  }
  return error;
}

/**
 * Streams an http(s) URL to a file with a size cap, timeouts and the private-network guard;
 * anything wrong (status, HTML, size, stall, cancel) fails before or while reading, and leaves
 * no file behind.
 */
export async function safeHttpDownload(
  raw: string,
  options: HttpDownloadOptions,
): Promise<HttpDownloadResult> {
  const path = join(options.destDir, 'http-download');
  let received = 0;
  try {
    const { response, url } = await openFinalResponse(new URL(raw), options);
    const refusal = refuseResponse(response, options.maxBytes);
    if (refusal) {
      response.destroy();
      throw new Error(refusal);
    }
    const declared = Number(response.headers['content-length']);
    const total = Number.isFinite(declared) ? declared : null;
    const counter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        received += chunk.length;
        if (received > options.maxBytes) {
          return callback(new Error(tooLargeMessage(null, options.maxBytes)));
        }
        options.onProgress?.(received, total);
        callback(null, chunk);
      },
    });
    await pipeline(response, counter, createWriteStream(path), { signal: options.signal });
    if (total !== null && received !== total) {
      throw new Error('The connection closed before the download finished');
    }
    return {
      path,
      sizeBytes: received,
      contentType: response.headers['content-type'] ?? null,
      suggestedName:
        dispositionFileName(response.headers['content-disposition']) ?? urlFileName(url.href),
      finalUrl: url.href,
    };
  } catch (error) {
    await rm(path, { force: true });
    throw describeFailure(error as Error, options.signal);
  }
}
