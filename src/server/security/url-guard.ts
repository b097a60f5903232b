/**
 * The SSRF guard for endpoint URLs. Endpoints are typed in by customers and fetched by our servers, so
 * a URL must not reach our own network: loopback, private, link-local, CGNAT, multicast, reserved and
 * cloud-metadata addresses are refused unless the operator's allow-list (RINGPOST_ALLOWED_TARGETS)
 * covers them. The HTTP layer checks at save time; the delivery worker checks again at connect time,
 * after DNS, so a name that later resolves somewhere private (DNS rebinding) is still caught.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

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
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64: reaches IPv4 space through a translator
  ['100::', 64], // discard
  ['2001:db8::', 32], // documentation
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

/** Strips `[...]` from IPv6 literals and unwraps IPv4-mapped IPv6 (`::ffff:127.0.0.1`). */
function normalise(address: string): { address: string; family: 'ipv4' | 'ipv6' } | undefined {
  const bare = address.replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped?.[1]) return { address: mapped[1], family: 'ipv4' };
  const version = isIP(bare);
  if (version === 4) return { address: bare, family: 'ipv4' };
  if (version === 6) return { address: bare, family: 'ipv6' };
  return undefined;
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
      if (ip) this.allowed.addSubnet(ip.address, Number(prefix), ip.family);
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
      return 'a private, loopback, link-local or otherwise internal address';
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
        return {
          ok: false,
          reason: `${where} ${reason}; Ringpost only sends to public addresses.`,
        };
      }
    }

    if (url.protocol === 'http:') {
      const covered =
        addresses.length > 0 && addresses.every((address) => this.isAllowListed(address));
      if (!covered) return { ok: false, reason: 'Endpoint URLs must use https://' };
    }
    return { ok: true };
  }
}
