import { describe, expect, it } from 'vitest';
import { MAX_RETRY_AFTER_MS, nextRetryDelay } from './retry-policy';

const schedule = [0, 5_000, 300_000, 1_800_000];

describe('nextRetryDelay', () => {
  it('follows the schedule, then gives up', () => {
    const middle = () => 0.5;
    expect(nextRetryDelay(1, schedule, null, middle)).toBe(5_000);
    expect(nextRetryDelay(2, schedule, null, middle)).toBe(300_000);
    expect(nextRetryDelay(3, schedule, null, middle)).toBe(1_800_000);
    expect(nextRetryDelay(4, schedule, null, middle)).toBeNull();
  });

  it('jitters by at most 20 % either way', () => {
    expect(nextRetryDelay(1, schedule, null, () => 0)).toBe(4_000);
    expect(nextRetryDelay(1, schedule, null, () => 0.999999)).toBe(6_000);
  });

  it('waits at least as long as Retry-After asks, up to a cap', () => {
    expect(nextRetryDelay(1, schedule, 60_000, () => 0.5)).toBe(60_000);
    expect(nextRetryDelay(1, schedule, 1_000, () => 0.5)).toBe(5_000);
    expect(nextRetryDelay(1, schedule, 10 * 24 * 3_600_000, () => 0.5)).toBe(MAX_RETRY_AFTER_MS);
    expect(nextRetryDelay(4, schedule, 1_000, () => 0.5)).toBeNull();
  });
});
