import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import type { AddressPolicy } from './address-policy.js';

export class PrivateAddressError extends Error {
  constructor(address: string, host: string) {
    const named = host === address ? address : `${address} (${host})`;
    super(`Refusing to connect to a private network address: ${named}`);
    this.name = 'PrivateAddressError';
  }
}

/** The URL's host without IPv6 brackets: what node connects to. */
function connectHost(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, '$1');
}

/**
 * Node connects to an IP literal without any lookup, so a literal host is checked here;
 * a name is checked by `guardedLookup` on the addresses it resolves to.
 */
export function assertLiteralHostAllowed(url: URL, policy: AddressPolicy): void {
  const host = connectHost(url);
  if (isIP(host) && !policy(host)) throw new PrivateAddressError(host, host);
}

type Resolver = (
  hostname: string,
  options: { all: true; family?: number },
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

/**
 * A `lookup` for http.request: resolves, and refuses the connection if any resolved address is
 * not allowed. The socket then connects to the addresses checked here, so a DNS answer that
 * changes between a check and the connection (rebinding) cannot slip through.
 */
export function guardedLookup(
  policy: AddressPolicy,
  resolver: Resolver = dnsLookup as unknown as Resolver,
): LookupFunction {
  return (hostname, options, callback) => {
    const family = typeof options.family === 'number' ? options.family : undefined;
    resolver(hostname, { all: true, family }, (error, addresses) => {
      if (error) return callback(error, '', 4);
      const refused = addresses.find(({ address }) => !policy(address));
      if (refused) return callback(new PrivateAddressError(refused.address, hostname), '', 4);
      if (!addresses.length) {
        return callback(new Error(`${hostname} has no address`), '', 4);
      }
      if (options.all) return callback(null, addresses);
      const [first] = addresses as [LookupAddress];
      callback(null, first.address, first.family);
    });
  };
}
