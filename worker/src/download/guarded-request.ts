import { get as httpGet, type IncomingMessage } from 'node:http';
import { get as httpsGet } from 'node:https';
import type { AddressPolicy } from './address-policy.js';
import { assertLiteralHostAllowed, guardedLookup } from './url-guard.js';

export interface GuardedRequestOptions {
  policy: AddressPolicy;
  /** Longest wait for the connection, the headers, or the next bytes of the body. */
  timeoutMs: number;
  signal: AbortSignal;
}

const HEADERS = {
  'user-agent': 'ClippyFront-Worker (clip downloader)',
  accept: 'video/*, application/octet-stream;q=0.9, */*;q=0.5',
  'accept-encoding': 'identity',
};

/**
 * One GET to `url`, only to addresses the policy allows, on a connection of its own (no pool
 * shared with other hosts). Resolves with the response once its headers arrived; its body is
 * destroyed with a clear error if it then stalls for `timeoutMs`.
 */
export function guardedGet(url: URL, options: GuardedRequestOptions): Promise<IncomingMessage> {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return Promise.reject(
      new Error(`Only http and https URLs can be downloaded, not ${url.protocol}`),
    );
  }
  try {
    assertLiteralHostAllowed(url, options.policy);
  } catch (error) {
    return Promise.reject(error as Error);
  }
  const get = url.protocol === 'https:' ? httpsGet : httpGet;
  return new Promise((resolve, reject) => {
    let response: IncomingMessage | undefined;
    const request = get(
      url,
      {
        agent: false,
        headers: HEADERS,
        lookup: guardedLookup(options.policy),
        timeout: options.timeoutMs,
        signal: options.signal,
      },
      (res) => {
        response = res;
        resolve(res);
      },
    );
    request.on('timeout', () => {
      const error = new Error(`${url.host} sent nothing for ${options.timeoutMs / 1000} s`);
      response?.destroy(error);
      request.destroy(error);
    });
    request.on('error', reject);
  });
}
