import { BlockList, isIP } from 'node:net';

/** Decides whether the worker may open a connection to an IP address. */
export type AddressPolicy = (address: string) => boolean;

const IPV4_BLOCKED: [string, number][] = [
  ['0.0.0.0', 8], // "this network", incl. unspecified
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, incl. the cloud metadata 169.254.169.254
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, incl. broadcast
];

const IPV6_BLOCKED: [string, number][] = [
  ['::', 128],
  ['::1', 128],
  ['::', 96], // deprecated IPv4-compatible
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard
  ['2001::', 32], // Teredo: tunnels to an IPv4 address we cannot check
  ['2001:db8::', 32],
  ['2002::', 16], // 6to4: same
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['fec0::', 10], // old site-local
  ['ff00::', 8], // multicast
];

function ipv4ToHex(address: string): string {
  const [a, b, c, d] = address.split('.').map(Number) as [number, number, number, number];
  const hex = (high: number, low: number) => ((high << 8) | low).toString(16);
  return `${hex(a, b)}:${hex(c, d)}`;
}

const blocked = new BlockList();
for (const [network, prefix] of IPV4_BLOCKED) {
  // BlockList matches IPv4-mapped IPv6 (::ffff:a.b.c.d) against these by itself.
  blocked.addSubnet(network, prefix, 'ipv4');
  // NAT64 (64:ff9b::/96) and IPv4-translated (::ffff:0:0/96, SIIT) forms reach the embedded
  // IPv4 address.
  blocked.addSubnet(`64:ff9b::${ipv4ToHex(network)}`, 96 + prefix, 'ipv6');
  blocked.addSubnet(`::ffff:0:${ipv4ToHex(network)}`, 96 + prefix, 'ipv6');
}
for (const [network, prefix] of IPV6_BLOCKED) blocked.addSubnet(network, prefix, 'ipv6');

/**
 * True for a public unicast address. Loopback, private, link-local (cloud metadata), CGNAT,
 * unspecified, multicast, reserved and documentation ranges are refused, in IPv4, IPv6 and the
 * IPv6 forms that embed an IPv4 address.
 */
export const isPublicAddress: AddressPolicy = (address) => {
  const family = isIP(address);
  if (family === 0) return false;
  return !blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
};

export const allowAnyAddress: AddressPolicy = (address) => isIP(address) !== 0;
