import { describe, expect, it } from 'vitest';
import { formatDateTime, formatDisabled } from './format';

describe('formatDisabled', () => {
  it('puts the time the endpoint was disabled after the reason, formatted as every other date', () => {
    const at = '2026-11-24T09:05:00Z';
    expect(formatDisabled({ disabledReason: 'Disabled by Ada Admin', disabledAt: at })).toBe(
      `Disabled by Ada Admin · ${formatDateTime(at)}`,
    );
  });
  it('is the reason alone without a time, and nothing without a reason', () => {
    expect(formatDisabled({ disabledReason: 'Disabled by Ada Admin', disabledAt: null })).toBe(
      'Disabled by Ada Admin',
    );
    expect(formatDisabled({ disabledReason: null, disabledAt: null })).toBeNull();
  });
});
