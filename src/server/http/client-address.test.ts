import { describe, expect, it } from 'vitest';
import type { TrustProxy } from '@contract/config';
import { normaliseAddress, resolveClientOrigin, type RequestOrigin } from './client-address';

const none: TrustProxy = { kind: 'none' };
const oneHop: TrustProxy = { kind: 'hops', hops: 1 };
const twoHops: TrustProxy = { kind: 'hops', hops: 2 };
const cidrs: TrustProxy = { kind: 'cidrs', cidrs: ['10.0.0.0/8', 'fd00::/8'] };

function origin(overrides: Partial<RequestOrigin>): RequestOrigin {
  return {
    socketAddress: '10.0.0.2',
    forwardedFor: undefined,
    forwardedProto: undefined,
    scheme: 'http',
    ...overrides,
  };
}

describe('resolveClientOrigin', () => {
  it('believes no header without a trusted proxy', () => {
    const result = resolveClientOrigin(
      none,
      origin({
        socketAddress: '198.51.100.7',
        forwardedFor: '203.0.113.1',
        forwardedProto: 'https',
      }),
    );
    expect(result).toEqual({ address: '198.51.100.7', scheme: 'http' });
  });

  it('takes the entry the one trusted proxy appended, not the leftmost the client sent', () => {
    // The client sent "X-Forwarded-For: 1.1.1.1"; the proxy appended the address it saw.
    const result = resolveClientOrigin(
      oneHop,
      origin({ forwardedFor: '1.1.1.1, 198.51.100.7', forwardedProto: 'https' }),
    );
    expect(result).toEqual({ address: '198.51.100.7', scheme: 'https' });
  });

  it('with two proxies takes the second entry from the right', () => {
    // client → CDN (appends the client) → load balancer (appends the CDN) → us (socket: the LB).
    const result = resolveClientOrigin(
      twoHops,
      origin({ forwardedFor: '6.6.6.6, 198.51.100.7, 192.0.2.10' }),
    );
    expect(result.address).toBe('198.51.100.7');
  });

  it('takes the furthest hop known when the list is shorter than the hops configured', () => {
    expect(resolveClientOrigin(twoHops, origin({ forwardedFor: '198.51.100.7' })).address).toBe(
      '198.51.100.7',
    );
  });

  it('falls back to the socket when there is no list or only garbage where the client is', () => {
    expect(resolveClientOrigin(oneHop, origin({})).address).toBe('10.0.0.2');
    expect(resolveClientOrigin(oneHop, origin({ forwardedFor: 'not-an-ip' })).address).toBe(
      '10.0.0.2',
    );
  });

  it('walks leftwards past trusted CIDRs to the first address outside them', () => {
    const result = resolveClientOrigin(
      cidrs,
      origin({
        socketAddress: '10.0.0.2',
        forwardedFor: '6.6.6.6, 198.51.100.7, 10.1.2.3',
        forwardedProto: 'http, https, https',
      }),
    );
    expect(result).toEqual({ address: '198.51.100.7', scheme: 'https' });
  });

  it('ignores every header when the socket peer is not a trusted proxy', () => {
    const result = resolveClientOrigin(
      cidrs,
      origin({ socketAddress: '198.51.100.7', forwardedFor: '10.0.0.9', forwardedProto: 'https' }),
    );
    expect(result).toEqual({ address: '198.51.100.7', scheme: 'http' });
  });

  it('cannot be talked into a trusted or spoofed address by a client-sent list', () => {
    // The client claims to be another proxy and a victim behind it; only our proxy's entry counts.
    const result = resolveClientOrigin(
      cidrs,
      origin({ forwardedFor: '203.0.113.50, 10.9.9.9, 198.51.100.7' }),
    );
    expect(result.address).toBe('198.51.100.7');
  });

  it('takes X-Forwarded-Proto as the client-facing proxy wrote it', () => {
    // Appended by the client ("https") and then by our one proxy ("http"): the client used http.
    expect(
      resolveClientOrigin(
        oneHop,
        origin({ forwardedFor: '198.51.100.7', forwardedProto: 'https, http' }),
      ).scheme,
    ).toBe('http');
    expect(resolveClientOrigin(oneHop, origin({ forwardedProto: 'https' })).scheme).toBe('https');
    expect(resolveClientOrigin(oneHop, origin({ forwardedProto: 'gopher' })).scheme).toBe('http');
  });

  it('unwraps IPv4-mapped and bracketed forms with ports', () => {
    expect(resolveClientOrigin(none, origin({ socketAddress: '::ffff:192.0.2.1' })).address).toBe(
      '192.0.2.1',
    );
    expect(
      resolveClientOrigin(
        cidrs,
        origin({ socketAddress: 'fd00::1', forwardedFor: '[2001:db8::5]:4711' }),
      ).address,
    ).toBe('2001:db8::5');
    expect(resolveClientOrigin(none, origin({ socketAddress: undefined })).address).toBe('unknown');
  });
});

describe('normaliseAddress', () => {
  it.each([
    ['192.0.2.1:8080', '192.0.2.1'],
    ['[::1]', '::1'],
    ['2001:DB8::1', '2001:db8::1'],
    ['nonsense', undefined],
    ['', undefined],
  ])('%s → %s', (raw, expected) => {
    expect(normaliseAddress(raw)).toBe(expected);
  });
});
