import { describe, expect, it } from 'vitest';
import { paths } from '@client/lib/paths';
import {
  fromLocalInputValue,
  hasFilters,
  parseDeliverySearch,
  parseSearchInput,
  toDeliverySearch,
  toLocalInputValue,
} from './delivery-search';

const ID = '00000000-0000-4000-8000-000000000001';

describe('parseDeliverySearch', () => {
  it('reads every filter the API accepts, and writes them back', () => {
    const search = new URLSearchParams({
      q: 'call_1',
      status: 'failed',
      eventType: 'analytics-completed',
      webhookId: ID,
      agentId: ID,
      failureCategory: 'timeout',
      from: '2026-11-27T10:00:00.000Z',
      to: '2026-11-27T12:00:00.000Z',
    });
    const filters = parseDeliverySearch(search);
    expect(filters).toEqual(Object.fromEntries(search));
    expect(paths.deliveries(toDeliverySearch(filters))).toBe(`/deliveries?${search.toString()}`);
  });

  it('drops each value that does not parse, keeping the others, and anything unknown', () => {
    const filters = parseDeliverySearch(
      new URLSearchParams(
        'status=bogus&eventType=post-conversation&webhookId=nope&agentId=&failureCategory=x&cursor=x&limit=9&range=2y',
      ),
    );
    expect(filters).toEqual({ eventType: 'post-conversation' });
    expect(hasFilters(filters)).toBe(true);
    expect(hasFilters(parseDeliverySearch(new URLSearchParams('status=nope')))).toBe(false);
  });

  it('lets a preset range win over a custom one, and drops an end before the start', () => {
    expect(parseDeliverySearch(new URLSearchParams('range=24h&from=2026-11-27T10:00:00Z'))).toEqual(
      { range: '24h' },
    );
    expect(
      parseDeliverySearch(new URLSearchParams('from=2026-11-27T10:00:00Z&to=2026-11-27T09:00:00Z')),
    ).toEqual({ from: '2026-11-27T10:00:00Z' });
  });
});

describe('parseSearchInput', () => {
  it('trims, and reads an empty box as no search', () => {
    expect(parseSearchInput('  call_1 ')).toEqual({ ok: true, q: 'call_1' });
    expect(parseSearchInput('   ')).toEqual({ ok: true, q: undefined });
  });

  it('refuses what the API would, with its message', () => {
    expect(parseSearchInput('x'.repeat(201))).toEqual({
      ok: false,
      message: 'Search for a call id, a delivery id or a webhook-id (at most 200 characters)',
    });
  });
});

describe('datetime-local values', () => {
  it('round-trip an instant in the browser’s time zone', () => {
    const iso = '2026-11-27T10:15:00.000Z';
    expect(fromLocalInputValue(toLocalInputValue(iso))).toBe(iso);
    expect(fromLocalInputValue('')).toBeUndefined();
  });
});
