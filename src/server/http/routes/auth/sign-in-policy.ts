/**
 * When a sign-in may be checked. Three limits, each answering a different attack:
 *
 * - Per account and client address, a hard limit: one place guessing one account is stopped for the
 *   rest of the window. It locks out only that address, so it cannot be used against the real user.
 * - Per client address across accounts, a hard limit: one place trying a common password on many
 *   accounts (spraying) is stopped.
 * - Per account across addresses, growing delays instead of a lock-out: guesses spread over many
 *   addresses slow to one a minute, while the right password still gets through after at most that
 *   long. An address that has signed in to the account before skips the delay altogether, so the real
 *   user from their usual place is not held up by an attack from elsewhere.
 *
 * Every attempt is recorded (as pending) before its password is checked, and pending attempts count as
 * failures, so concurrent guesses cannot all slip under a limit: see reserveLoginAttempt.
 */
import { ipv6Groups } from '../../../security/url-guard';

export const SIGN_IN_LIMITS = {
  windowMs: 15 * 60_000,
  maxFailuresPerAccountAndAddress: 5,
  maxFailuresPerAddress: 30,
  /** Failures for one account (from anywhere) before its checks start to wait. */
  accountFailuresBeforeDelay: 10,
  firstDelayMs: 1_000,
  maxDelayMs: 60_000,
  /** An address that signed in to the account this recently is the user's own. */
  knownAddressMs: 30 * 86_400_000,
} as const;

export type SignInLimits = typeof SIGN_IN_LIMITS;

/** What the database knows about recent attempts; failures include attempts still being checked. */
export interface SignInHistory {
  /**
   * Failures for this account from this address inside the window and since the pair last signed in,
   * newest first; at most `maxFailuresPerAccountAndAddress` of them are needed.
   */
  pairFailures: readonly Date[];
  /** Failures from this address for any account inside the window, newest first (at most the limit). */
  addressFailures: readonly Date[];
  /** Failures for this account from any address inside the window. */
  accountFailures: number;
  latestAccountFailure: Date | undefined;
  /** Whether this address signed in to this account within `knownAddressMs`. */
  knownAddress: boolean;
}

export type SignInRefusal = 'account_and_address' | 'address' | 'account';

export type SignInDecision =
  { allowed: true } | { allowed: false; reason: SignInRefusal; retryAfterMs: number };

/** The wait before the next check of an account that has failed `failures` times in the window. */
export function accountDelayMs(failures: number, limits: SignInLimits = SIGN_IN_LIMITS): number {
  const over = failures - limits.accountFailuresBeforeDelay;
  if (over < 0) return 0;
  // 2 ** over grows past the cap long before it could overflow; the exponent is clamped anyway.
  return Math.min(limits.maxDelayMs, limits.firstDelayMs * 2 ** Math.min(over, 30));
}

/** A hard limit over `failures` (newest first) lifts when the limit-th newest leaves the window. */
function hardLimit(
  failures: readonly Date[],
  max: number,
  now: Date,
  limits: SignInLimits,
): number | undefined {
  const pivot = failures[max - 1];
  if (failures.length < max || !pivot) return undefined;
  return Math.max(1, pivot.getTime() + limits.windowMs - now.getTime());
}

export function decideSignIn(
  history: SignInHistory,
  now: Date,
  limits: SignInLimits = SIGN_IN_LIMITS,
): SignInDecision {
  const pair = hardLimit(history.pairFailures, limits.maxFailuresPerAccountAndAddress, now, limits);
  if (pair !== undefined)
    return { allowed: false, reason: 'account_and_address', retryAfterMs: pair };
  const address = hardLimit(history.addressFailures, limits.maxFailuresPerAddress, now, limits);
  if (address !== undefined) return { allowed: false, reason: 'address', retryAfterMs: address };
  if (!history.knownAddress && history.latestAccountFailure) {
    const wait =
      history.latestAccountFailure.getTime() +
      accountDelayMs(history.accountFailures, limits) -
      now.getTime();
    if (wait > 0) return { allowed: false, reason: 'account', retryAfterMs: wait };
  }
  return { allowed: true };
}

/**
 * The address as the limits count it. An IPv6 client usually holds a whole /64 and can pick any
 * address in it, so IPv6 addresses count by their /64; IPv4 ones as they are.
 */
export function limitKeyOf(address: string): string {
  const groups = ipv6Groups(address);
  if (!groups) return address;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(':')}::/64`;
}
