/**
 * The SSRF guard for endpoint URLs. Endpoints are typed in by customers and fetched by our servers, so
 * a URL must not reach our own network: loopback, private, link-local, CGNAT, multicast, reserved and
 * cloud-metadata addresses are refused unless the operator's allow-list (RINGPOST_ALLOWED_TARGETS)
 * covers them. The HTTP layer checks at save time; the delivery worker checks again at connect time,
 * after DNS, so a name that later resolves somewhere private (DNS rebinding) is still caught.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { addressRefused, HTTPS_REQUIRED, INTERNAL_ADDRESS } from '@contract/api-messages';

const BLOCKED_V4: [string, number][] = [
  ['0.0.0.0', 8], // "this network"
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // CGNAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local, including 169.254.169.254 (cloud metadata)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];

const BLOCKED_V6: [string, number][] = [
  // IPv4-compatible (deprecated), which includes :: and ::1; refused whole rather than unwrapped,
  // because what a stack does with them differs (some route them to the IPv4 address inside).
  ['::', 96],
  ['::ffff:0:0:0', 96], // IPv4-translated (SIIT): an IPv4 address behind a translator
  ['64:ff9b::', 96], // NAT64: reaches IPv4 space through a translator
  ['64:ff9b:1::', 48], // NAT64 for local use
  ['100::', 64], // discard
  ['2001::', 32], // Teredo: tunnels to an IPv4 address encoded in the rest
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: the next 32 bits are an IPv4 address
  ['fc00::', 7], // unique local, including fd00:ec2::254 (AWS metadata)
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
];

const blocked = new BlockList();
for (const [address, prefix] of BLOCKED_V4) blocked.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of BLOCKED_V6) blocked.addSubnet(address, prefix, 'ipv6');

export type AddressResolver = (hostname: string) => Promise<string[]>;

export const resolveAddresses: AddressResolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

/**
 * The eight 16-bit groups of an IPv6 address in any spelling (`::`, leading zeros, upper case, a
 * trailing dotted quad, a `%zone`), or undefined if it is not one.
 */
export function ipv6Groups(address: string): number[] | undefined {
  const bare = address.replace(/%.*$/, '');
  if (isIP(bare) !== 6) return undefined;
  let text = bare.toLowerCase();
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const missing = 8 - left.length - right.length;
  return [...left, ...Array<number>(tail === undefined ? 0 : missing).fill(0), ...right];
}

/**
 * An IPv4-mapped IPv6 address (`::ffff:0:0/96`, however it is spelt: `::ffff:127.0.0.1`,
 * `::ffff:7f00:1`, `0:0:0:0:0:FFFF:7F00:0001`) is the IPv4 address inside: a dual-stack socket
 * connects to that address, so it must be judged (and allow-listed) as IPv4.
 */
function mappedIpv4(groups: readonly number[]): string | undefined {
  if (groups.slice(0, 5).some((group) => group !== 0) || groups[5] !== 0xffff) return undefined;
  const high = groups[6] ?? 0;
  const low = groups[7] ?? 0;
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
}

/** Strips `[...]` from IPv6 literals and unwraps IPv4-mapped IPv6 in every spelling. */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } | undefined {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const version = isIP(bare);
  if (version === 4) return { address: bare, family: 'ipv4' };
  const groups = version === 6 ? ipv6Groups(bare) : undefined;
  if (!groups) return undefined;
  const mapped = mappedIpv4(groups);
  if (mapped) return { address: mapped, family: 'ipv4' };
  return { address: bare, family: 'ipv6' };
}

export class UrlGuard {
  private readonly allowed = new BlockList();
  private readonly hasAllowList: boolean;

  constructor(
    allowedCidrs: readonly string[],
    private readonly resolve: AddressResolver = resolveAddresses,
  ) {
    for (const cidr of allowedCidrs) {
      const [address = '', prefix = ''] = cidr.split('/');
      const ip = normalise(address);
      // A mapped range (::ffff:127.0.0.0/104) is the IPv4 range it covers.
      const bits =
        ip?.family === 'ipv4' && isIP(address) === 6 ? Number(prefix) - 96 : Number(prefix);
      if (ip && bits >= 0) this.allowed.addSubnet(ip.address, bits, ip.family);
    }
    this.hasAllowList = allowedCidrs.length > 0;
  }

  isAllowListed(address: string): boolean {
    const ip = normalise(address);
    return this.hasAllowList && ip !== undefined && this.allowed.check(ip.address, ip.family);
  }

  /** Why this address may not be contacted ("a private … address"), or undefined if it may. */
  checkAddress(address: string): string | undefined {
    const ip = normalise(address);
    if (!ip) return 'not an IP address';
    if (this.isAllowListed(ip.address)) return undefined;
    if (blocked.check(ip.address, ip.family)) {
      return INTERNAL_ADDRESS;
    }
    return undefined;
  }

  /**
   * The save-time check. An IP literal, or a name that resolves, must be public (or allow-listed) in
   * every address; a name that does not resolve yet is accepted and left to the connect-time check.
   * Plain http is accepted only where the allow-list covers every address (local receivers in
   * development and tests): anything that crosses a real network must use https.
   */
  async checkUrl(rawUrl: string): Promise<{ ok: true } | { ok: false; reason: string }> {
    const url = new URL(rawUrl);
    const host = url.hostname;
    const literal = normalise(host);
    let addresses: string[];
    if (literal) {
      addresses = [literal.address];
    } else {
      try {
        addresses = await this.resolve(host);
      } catch {
        addresses = [];
      }
    }

    for (const address of addresses) {
      const reason = this.checkAddress(address);
      if (reason) {
        const where = literal ? `${address} is` : `${host} resolves to ${address},`;
        return { ok: false, reason: addressRefused(where, reason) };
      }
    }

    if (url.protocol === 'http:') {
      const covered =
        addresses.length > 0 && addresses.every((address) => this.isAllowListed(address));
      if (!covered) return { ok: false, reason: HTTPS_REQUIRED };
    }
    return { ok: true };
  }
}
