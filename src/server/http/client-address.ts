/**
 * Who is on the other end of a request: the client's address (for sign-in limits) and the scheme it
 * used (for Secure cookies), believing `X-Forwarded-For` / `X-Forwarded-Proto` only as far as
 * RINGPOST_TRUST_PROXY says.
 *
 * Every proxy appends the address it received the request from to X-Forwarded-For, so the list grows
 * to the right and only its right end was written by our own proxies; anything to the left of that
 * was sent by the client and may be made up. Walking from the right:
 *
 *   client ──▶ proxy 1 ──▶ proxy 2 ──▶ … ──▶ proxy n ──▶ Ringpost
 *   X-Forwarded-For: <whatever the client sent>, <client>, <proxy 1>, …, <proxy n-1>
 *   socket peer: proxy n
 *
 * - `none`: the socket peer is the client; the headers are ignored.
 * - `hops: n`: the socket peer is proxy n (the last hop, which appended the rightmost entry), and
 *   proxy 1 appended the client's address, which is therefore the n-th entry from the right. With
 *   fewer entries than that the request skipped a proxy; the leftmost entry is the furthest hop known.
 * - `cidrs`: starting at the socket peer, every address inside the ranges is a proxy, so the entry to
 *   its left is the one it saw; the first address outside them is the client.
 *
 * The scheme follows the same walk: X-Forwarded-Proto is believed only when the socket peer is a
 * trusted proxy, and in a list (proxies that append rather than replace) the value the client-facing
 * proxy wrote is taken, at the same position from the right.
 */
import { BlockList, isIP } from 'node:net';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import type { TrustProxy } from '@contract/config';
import type { AppEnv } from './app-env';

/** What a request carries about its origin, as read off the socket and the headers. */
export interface RequestOrigin {
  /** The TCP peer; undefined for requests built in-process (tests), which have no socket. */
  socketAddress: string | undefined;
  forwardedFor: string | undefined;
  forwardedProto: string | undefined;
  /** The scheme this server itself was reached with (http unless it terminates TLS). */
  scheme: 'http' | 'https';
}

export interface ClientOrigin {
  /** The client's IP address, or `unknown` when there is no socket and nothing to believe. */
  address: string;
  scheme: 'http' | 'https';
}

export const UNKNOWN_ADDRESS = 'unknown';

/** A bare IP address: `[::1]:443` and `1.2.3.4:80` lose their port, `::ffff:1.2.3.4` becomes IPv4. */
export function normaliseAddress(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  let value = raw.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(value);
  if (bracketed?.[1]) value = bracketed[1];
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(value)) value = value.replace(/:\d+$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(value);
  if (mapped?.[1]) value = mapped[1];
  return isIP(value) ? value.toLowerCase() : undefined;
}

function splitList(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part.length > 0);
}

/** The n-th entry from the right (1 = rightmost), or the leftmost when the list is shorter. */
function fromRight<T>(list: readonly T[], n: number): T | undefined {
  if (list.length === 0) return undefined;
  return list[Math.max(0, list.length - n)];
}

function trustedSet(cidrs: readonly string[]): BlockList {
  const set = new BlockList();
  for (const cidr of cidrs) {
    const [address = '', prefix = ''] = cidr.split('/');
    set.addSubnet(address, Number(prefix), isIP(address) === 6 ? 'ipv6' : 'ipv4');
  }
  return set;
}

const trustedSets = new WeakMap<readonly string[], BlockList>();

function isTrusted(cidrs: readonly string[], address: string): boolean {
  let set = trustedSets.get(cidrs);
  if (!set) {
    set = trustedSet(cidrs);
    trustedSets.set(cidrs, set);
  }
  return set.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client address the trusted proxies vouch for, and how many of them the request passed through:
 * the client-facing one of those wrote the entry (and the X-Forwarded-Proto value) that many places
 * from the right.
 */
function walk(
  trust: TrustProxy,
  socket: string | undefined,
  forwarded: readonly string[],
): { address: string | undefined; proxies: number } {
  if (trust.kind === 'none' || (trust.kind === 'hops' && trust.hops === 0)) {
    return { address: socket, proxies: 0 };
  }
  if (trust.kind === 'hops') {
    if (forwarded.length === 0) return { address: socket, proxies: trust.hops };
    const entry = normaliseAddress(fromRight(forwarded, trust.hops));
    // Only an entry left of what our proxies wrote can be garbage; the socket is the safer answer.
    return { address: entry ?? socket, proxies: trust.hops };
  }
  if (socket === undefined || !isTrusted(trust.cidrs, socket)) {
    return { address: socket, proxies: 0 };
  }
  let address = socket;
  let proxies = 1;
  for (let index = forwarded.length - 1; index >= 0; index--) {
    const entry = normaliseAddress(forwarded[index]);
    // A trusted proxy always appends a real address; anything else means the chain is not ours.
    if (!entry) break;
    address = entry;
    if (!isTrusted(trust.cidrs, entry)) break;
    proxies++;
  }
  return { address, proxies };
}

export function resolveClientOrigin(trust: TrustProxy, request: RequestOrigin): ClientOrigin {
  const socket = normaliseAddress(request.socketAddress);
  const { address, proxies } = walk(trust, socket, splitList(request.forwardedFor));
  let scheme = request.scheme;
  if (proxies > 0) {
    const proto = fromRight(splitList(request.forwardedProto), proxies)?.toLowerCase();
    if (proto === 'https' || proto === 'http') scheme = proto;
  }
  return { address: address ?? UNKNOWN_ADDRESS, scheme };
}

function socketAddressOf(c: Context<AppEnv>): string | undefined {
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // Requests built in-process (tests) have no socket.
    return undefined;
  }
}

/** The request's client address and scheme, resolved once per request. */
export function clientOriginOf(c: Context<AppEnv>): ClientOrigin {
  return resolveClientOrigin(c.var.deps.env.RINGPOST_TRUST_PROXY, {
    socketAddress: socketAddressOf(c),
    forwardedFor: c.req.header('x-forwarded-for'),
    forwardedProto: c.req.header('x-forwarded-proto'),
    scheme: new URL(c.req.url).protocol === 'https:' ? 'https' : 'http',
  });
}
