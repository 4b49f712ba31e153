import { parseTrustProxy } from './trust-proxy.js';

describe('TRUST_PROXY', () => {
  it('trusts nothing by default, a number of hops, or listed proxies', () => {
    for (const off of [undefined, '', '0', 'false']) expect(parseTrustProxy(off)).toBe(false);
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy(' 2 ')).toBe(2);
    expect(parseTrustProxy('10.0.0.0/8, 127.0.0.1,loopback')).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      'loopback',
    ]);
    expect(parseTrustProxy('::1, fd00::/8')).toEqual(['::1', 'fd00::/8']);
  });

  it('refuses "trust everything" and what is not an address', () => {
    for (const all of ['true', 'TRUE', 'yes', 'all', '*']) {
      expect(() => parseTrustProxy(all)).toThrow(/would trust any X-Forwarded-For/);
    }
    expect(() => parseTrustProxy('11')).toThrow(/at most 10/);
    expect(() => parseTrustProxy('proxy.example.com')).toThrow(/addresses\/CIDRs: invalid IP/);
    expect(() => parseTrustProxy('10.0.0.0/40')).toThrow(/addresses\/CIDRs/);
  });
});
