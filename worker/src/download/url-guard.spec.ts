import type { LookupAddress } from 'node:dns';
import { isPublicAddress } from './address-policy.js';
import { assertLiteralHostAllowed, guardedLookup, PrivateAddressError } from './url-guard.js';

/** A resolver answering from a table, so names never go to real DNS. */
function fakeResolver(table: Record<string, LookupAddress[]>) {
  return (
    hostname: string,
    _options: unknown,
    callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
  ) => {
    const addresses = table[hostname];
    if (!addresses) callback(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), []);
    else callback(null, addresses);
  };
}

const resolver = fakeResolver({
  'cdn.example': [{ address: '93.184.216.34', family: 4 }],
  'dual.example': [
    { address: '2606:2800:220:1::', family: 6 },
    { address: '93.184.216.34', family: 4 },
  ],
  'rebind.example': [
    { address: '93.184.216.34', family: 4 },
    { address: '10.0.0.1', family: 4 },
  ],
  'metadata.example': [{ address: '169.254.169.254', family: 4 }],
});

function lookup(hostname: string, all: boolean) {
  return new Promise<{ error: Error | null; address: unknown; family?: number }>((resolve) =>
    guardedLookup(isPublicAddress, resolver)(hostname, { all }, (error, address, family) =>
      resolve({ error, address, family }),
    ),
  );
}

describe('guardedLookup', () => {
  it('passes public addresses through, in the form asked for', async () => {
    expect(await lookup('cdn.example', false)).toEqual({
      error: null,
      address: '93.184.216.34',
      family: 4,
    });
    const all = await lookup('dual.example', true);
    expect(all.error).toBeNull();
    expect(all.address).toHaveLength(2);
  });

  it('refuses a name when any of its addresses is private', async () => {
    const rebind = await lookup('rebind.example', true);
    expect(rebind.error).toBeInstanceOf(PrivateAddressError);
    expect(rebind.error?.message).toBe(
      'Refusing to connect to a private network address: 10.0.0.1 (rebind.example)',
    );
    expect((await lookup('metadata.example', false)).error?.message).toMatch(/169\.254\.169\.254/);
  });

  it('passes resolution errors on', async () => {
    expect((await lookup('missing.example', false)).error?.message).toBe('not found');
  });
});

describe('assertLiteralHostAllowed', () => {
  it('checks IP literals and leaves names to the lookup', () => {
    const check = (url: string) => () => assertLiteralHostAllowed(new URL(url), isPublicAddress);
    expect(check('http://10.1.2.3/a')).toThrow(PrivateAddressError);
    expect(check('http://[fe80::1]/a')).toThrow('private network address: fe80::1');
    expect(check('http://0x7f.1/a')).toThrow('private network address: 127.0.0.1');
    expect(check('http://8.8.8.8/a')).not.toThrow();
    expect(check('http://localhost/a')).not.toThrow();
  });
});
