import { setTimeout as sleep } from 'node:timers/promises';
import { ClaimLostError } from '../runtime/claim-lost.js';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Answers of a proxy or load balancer while the API behind it restarts. */
const RETRY_STATUSES = new Set([502, 503, 504]);
const NETWORK_CODES =
  /^(ECONNREFUSED|ECONNRESET|ECONNABORTED|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|UND_ERR_.*)$/;

function networkCode(error: unknown): string | undefined {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined;
    e;
    e = e.cause as typeof e
  ) {
    if (typeof e.code === 'string') return e.code;
  }
  return undefined;
}

/**
 * Whether the API may just be away (restarting, or a proxy in front answering for it), so the
 * same request should be sent again: no connection, a broken one, a timeout, 502/503/504. A
 * lost claim (409) and any other answer are final.
 */
export function isTransient(error: unknown): boolean {
  if (error instanceof ClaimLostError) return false;
  if (error instanceof ApiError) return RETRY_STATUSES.has(error.status);
  // Checked by name: fetch()'s errors may come from another realm (a test's VM context).
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
  // fetch(): "fetch failed" (no connection), "terminated" (the body broke off).
  if (name === 'TypeError' && (message === 'fetch failed' || message === 'terminated')) return true;
  if (name === 'TimeoutError') return true;
  return NETWORK_CODES.test(networkCode(error) ?? '');
}

export interface RetryOptions {
  /** Give up after this long (the last error is thrown). */
  retrySeconds: number;
  signal?: AbortSignal;
  /** Told once when the first attempt failed and retries begin. */
  onRetry?: (error: Error) => void;
  /** Told once when an attempt succeeded after failures. */
  onRecovered?: () => void;
}

const MAX_DELAY_MS = 5000;

/** Runs `attempt` until it succeeds, fails for good, or `retrySeconds` have passed. */
export async function withRetries<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const deadline = Date.now() + options.retrySeconds * 1000;
  let delay = 250;
  let failures = 0;
  for (;;) {
    try {
      const result = await attempt();
      if (failures) options.onRecovered?.();
      return result;
    } catch (error) {
      if (options.signal?.aborted || !isTransient(error)) throw error;
      if (Date.now() + delay > deadline) throw error;
      if (!failures++) options.onRetry?.(error as Error);
      await sleep(delay, undefined, { signal: options.signal });
      delay = Math.min(delay * 2, MAX_DELAY_MS);
    }
  }
}
