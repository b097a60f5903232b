/**
 * The wire format between processes: merged by organisation, split under PostgreSQL's 8000-byte limit
 * without losing or repeating anything, and read back; anything else on the channel is ignored.
 */
import { describe, expect, it } from 'vitest';
import {
  decodeChanges,
  encodeChanges,
  mergeChanges,
  NOTIFY_PAYLOAD_LIMIT,
  type OrganisationChange,
} from './live-changes';

const ORG_A = '0190a1b2-0000-7000-8000-00000000000a';
const ORG_B = '0190a1b2-0000-7000-8000-00000000000b';
const WEBHOOK = '0190a1b2-0000-7000-8000-0000000000ff';

const delivery = (i: number, status: 'pending' | 'succeeded' = 'pending') => ({
  id: `msg_01JX${String(i).padStart(22, '0')}`,
  webhookId: WEBHOOK,
  callId: `call_${'x'.repeat(100)}_${i}`,
  status,
});

describe('encodeChanges / decodeChanges', () => {
  it('round-trips a small change in one payload', () => {
    const change: OrganisationChange = {
      organisationId: ORG_A,
      deliveries: [delivery(1)],
      webhooks: [{ id: WEBHOOK, status: 'disabled' }],
      retryJobs: [{ id: ORG_B, webhookId: WEBHOOK }],
    };
    const payloads = encodeChanges([change]);
    expect(payloads).toHaveLength(1);
    expect(decodeChanges(payloads[0] ?? '')).toEqual([change]);
  });

  it('merges by organisation, keeping each thing once in its latest state', () => {
    const merged = mergeChanges([
      { organisationId: ORG_A, deliveries: [delivery(1), delivery(2)] },
      { organisationId: ORG_B, deliveries: [delivery(3)] },
      { organisationId: ORG_A, deliveries: [delivery(1, 'succeeded')] },
    ]);
    expect(merged.get(ORG_A)?.deliveries).toEqual([delivery(1, 'succeeded'), delivery(2)]);
    expect(merged.get(ORG_B)?.deliveries).toEqual([delivery(3)]);
  });

  it('splits a large batch into payloads under the limit, losing and repeating nothing', () => {
    const changes: OrganisationChange[] = [];
    for (let i = 0; i < 600; i++)
      changes.push({ organisationId: i % 3 === 0 ? ORG_B : ORG_A, deliveries: [delivery(i)] });
    changes.push({ organisationId: ORG_A, webhooks: [{ id: WEBHOOK, status: 'enabled' }] });
    const payloads = encodeChanges(changes);
    expect(payloads.length).toBeGreaterThan(5);
    for (const payload of payloads)
      expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(NOTIFY_PAYLOAD_LIMIT);
    const decoded = payloads.flatMap(decodeChanges);
    const ids = decoded.flatMap((c) => (c.deliveries ?? []).map((d) => d.id));
    expect(new Set(ids).size).toBe(600);
    expect(ids).toHaveLength(600);
    for (const c of decoded)
      for (const d of c.deliveries ?? [])
        expect(c.organisationId).toBe(Number(d.id.slice(-3)) % 3 === 0 ? ORG_B : ORG_A);
    expect(decoded.flatMap((c) => c.webhooks ?? [])).toEqual([{ id: WEBHOOK, status: 'enabled' }]);
  });

  it('fits a payload with multi-byte text by bytes, not characters', () => {
    const wide = Array.from({ length: 200 }, (_, i) => ({
      ...delivery(i),
      callId: `call_${'é'.repeat(60)}_${i}`,
    }));
    const payloads = encodeChanges([{ organisationId: ORG_A, deliveries: wide }], 2_000);
    for (const payload of payloads) expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(2_000);
    expect(payloads.flatMap(decodeChanges).flatMap((c) => c.deliveries ?? [])).toHaveLength(200);
  });

  it('publishes nothing for nothing, and ignores what is not ours', () => {
    expect(encodeChanges([])).toEqual([]);
    expect(decodeChanges('')).toEqual([]);
    expect(decodeChanges('not json')).toEqual([]);
    expect(decodeChanges('[{"o":1}]')).toEqual([]);
    expect(decodeChanges('[{"o":"x","d":[["a","b","c","exploded"]]}]')).toEqual([]);
  });
});
