import proxyaddr from 'proxy-addr';

/** Express's `trust proxy`: nothing, a number of hops, or the proxies' addresses. Never "all". */
export type TrustProxy = false | number | string[];

const MAX_HOPS = 10;

/**
 * TRUST_PROXY: `0` (default) trusts no X-Forwarded-* header; `1`, `2`… the proxies between the
 * client and the API (the client is the address the outermost one saw); or a comma-separated
 * list of the proxies' addresses/CIDRs (`10.0.0.0/8, 127.0.0.1`, or `loopback`, `uniquelocal`).
 * `true` is refused: it would take the client's word for its own address.
 */
export function parseTrustProxy(value: string | undefined): TrustProxy {
  const text = value?.trim() ?? '';
  if (text === '' || text === '0' || /^false$/i.test(text)) return false;
  if (/^(true|yes|on|all|\*)$/i.test(text)) {
    throw new Error(
      'must be the number of proxies in front of the API (e.g. 1) or their addresses/CIDRs; ' +
        `"${text}" would trust any X-Forwarded-For a client sends`,
    );
  }
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops > MAX_HOPS) throw new Error(`must be at most ${MAX_HOPS} proxies`);
    return hops;
  }
  const list = text
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  try {
    proxyaddr.compile(list);
  } catch (error) {
    throw new Error(`must be a number of proxies or addresses/CIDRs: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return list;
}
