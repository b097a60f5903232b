import { describe, expect, it } from 'vitest';
import {
  accountDelayMs,
  decideSignIn,
  limitKeyOf,
  SIGN_IN_LIMITS,
  type SignInHistory,
} from './sign-in-policy';

const now = new Date('2030-01-01T12:00:00Z');
const secondsAgo = (seconds: number) => new Date(now.getTime() - seconds * 1000);
const times = (count: number, seconds = 10) =>
  Array.from({ length: count }, (_, i) => secondsAgo(seconds + i));

const clean: SignInHistory = {
  pairFailures: [],
  addressFailures: [],
  accountFailures: 0,
  latestAccountFailure: undefined,
  knownAddress: false,
};

describe('decideSignIn', () => {
  it('allows a clean history', () => {
    expect(decideSignIn(clean, now)).toEqual({ allowed: true });
  });

  it('stops an address that failed the limit for one account until the oldest counted failure ages out', () => {
    const pairFailures = times(SIGN_IN_LIMITS.maxFailuresPerAccountAndAddress);
    const decision = decideSignIn(
      { ...clean, pairFailures, addressFailures: pairFailures, accountFailures: 5 },
      now,
    );
    const oldest = pairFailures.at(-1)?.getTime() ?? 0;
    expect(decision).toEqual({
      allowed: false,
      reason: 'account_and_address',
      retryAfterMs: oldest + SIGN_IN_LIMITS.windowMs - now.getTime(),
    });
    expect(
      decideSignIn({ ...clean, pairFailures: pairFailures.slice(1), accountFailures: 4 }, now),
    ).toEqual({ allowed: true });
  });

  it('stops an address that failed the limit across accounts, even from a known address', () => {
    const decision = decideSignIn(
      {
        ...clean,
        addressFailures: times(SIGN_IN_LIMITS.maxFailuresPerAddress),
        knownAddress: true,
      },
      now,
    );
    expect(decision).toMatchObject({ allowed: false, reason: 'address' });
  });

  it('makes an account wait after failures from many addresses, doubling up to the cap', () => {
    const at = (failures: number, latestSecondsAgo: number) =>
      decideSignIn(
        { ...clean, accountFailures: failures, latestAccountFailure: secondsAgo(latestSecondsAgo) },
        now,
      );
    const free = SIGN_IN_LIMITS.accountFailuresBeforeDelay;
    expect(at(free - 1, 0)).toEqual({ allowed: true });
    expect(at(free, 0)).toEqual({ allowed: false, reason: 'account', retryAfterMs: 1_000 });
    expect(at(free + 2, 1)).toEqual({ allowed: false, reason: 'account', retryAfterMs: 3_000 });
    expect(at(free + 2, 4)).toEqual({ allowed: true });
    expect(at(free + 100, 0)).toEqual({ allowed: false, reason: 'account', retryAfterMs: 60_000 });
  });

  it('does not make an address that signed in to the account before wait', () => {
    const decision = decideSignIn(
      { ...clean, accountFailures: 500, latestAccountFailure: now, knownAddress: true },
      now,
    );
    expect(decision).toEqual({ allowed: true });
  });
});

describe('accountDelayMs', () => {
  it('is 1, 2, 4 … seconds after the free failures, never more than a minute', () => {
    const free = SIGN_IN_LIMITS.accountFailuresBeforeDelay;
    expect(
      [free - 1, free, free + 1, free + 2, free + 5, free + 6, free + 1000].map((n) =>
        accountDelayMs(n),
      ),
    ).toEqual([0, 1_000, 2_000, 4_000, 32_000, 60_000, 60_000]);
  });
});

describe('limitKeyOf', () => {
  it('counts IPv4 addresses one by one and IPv6 addresses by their /64', () => {
    expect(limitKeyOf('198.51.100.7')).toBe('198.51.100.7');
    expect(limitKeyOf('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(limitKeyOf('2001:db8:1:2:ffff:ffff:ffff:ffff')).toBe('2001:db8:1:2::/64');
    expect(limitKeyOf('unknown')).toBe('unknown');
  });
});
