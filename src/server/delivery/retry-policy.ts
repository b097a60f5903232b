/**
 * When to try again. `schedule[k]` is the wait before attempt k+1 (the first is normally 0 s); after the
 * last entry the delivery has failed for good. Delays vary by ±20 % so that a receiver that comes back
 * after an outage is not hit by every queued delivery in the same second. A Retry-After from the
 * receiver is honoured as a lower bound, clamped so that a hostile value cannot park a delivery forever.
 */
export const JITTER = 0.2;
export const MAX_RETRY_AFTER_MS = 6 * 3_600_000;

/** Milliseconds until the next attempt after `attemptsMade` failed ones, or null to give up. */
export function nextRetryDelay(
  attemptsMade: number,
  schedule: readonly number[],
  retryAfterMs: number | null,
  random: () => number = Math.random,
): number | null {
  const base = schedule[attemptsMade];
  if (base === undefined) return null;
  const jittered = base * (1 - JITTER + 2 * JITTER * random());
  if (retryAfterMs === null) return Math.round(jittered);
  return Math.round(Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS)));
}
