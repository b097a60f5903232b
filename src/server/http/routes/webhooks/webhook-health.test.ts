/**
 * GET /webhooks/{id}/health: answered from the hourly rollup alone — its windows, percentiles from the
 * histogram's bucket bounds, 168 hourly points with zeros — for any role of the endpoint's organisation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { HEALTH_LATENCY_BUCKETS_MS, WebhookHealthSchema } from '@contract/webhook-health';
import { expectApiError } from '../../../testing/expect-api';
import {
  createDeliveryHarness,
  exampleEvent,
  type DeliveryHarness,
} from '../../../testing/delivery-harness';
import { eventually } from '../../../testing/receiver';
import { webhookHealthHourly } from '../../../db/schema';
import { percentileFromBuckets } from '../../../db/queries/webhook-health';

const HOUR = 3_600_000;
let h: DeliveryHarness;

beforeAll(async () => {
  h = await createDeliveryHarness();
});
afterAll(async () => {
  await h.close();
});

const health = async (id: string, as = h.org.users.viewer) =>
  WebhookHealthSchema.parse(
    (await h.ctx.request('GET', `/api/v1/webhooks/${id}/health`, { as })).body,
  );

/** A histogram with `n` successes in the bucket whose upper bound is `bound`. */
function buckets(counts: Record<number, number>): number[] {
  return Array.from({ length: HEALTH_LATENCY_BUCKETS_MS.length + 1 }, (_, i) => {
    const bound = HEALTH_LATENCY_BUCKETS_MS[i] ?? Infinity;
    return counts[bound] ?? 0;
  });
}

describe('GET /webhooks/{id}/health', () => {
  it('is empty for an endpoint without attempts: zeros for every hour, no rates', async () => {
    const endpoint = await h.createEndpoint('/health-empty');
    const answer = await health(endpoint.id);
    expect(answer.last24h).toEqual({
      attempts: 0,
      succeeded: 0,
      successRate: null,
      p50Ms: null,
      p95Ms: null,
    });
    expect(answer.last7d.attempts).toBe(0);
    expect(answer.hourly).toHaveLength(168);
    expect(answer.hourly.every((p) => p.succeeded === 0 && p.failed === 0)).toBe(true);
    const times = answer.hourly.map((p) => Date.parse(p.hour));
    times.forEach((t, i) => i > 0 && expect(t - (times[i - 1] ?? 0)).toBe(HOUR));
    // Oldest first, ending with the current hour.
    expect(times.at(-1)).toBe(Math.floor(Date.now() / HOUR) * HOUR);
  });

  it('shows real deliveries: attempts in the current hour, a success rate, accepted → 2xx percentiles', async () => {
    const endpoint = await h.createEndpoint('/health-live');
    h.receiver.behave('/health-live', (_req, i) => (i < 2 ? { status: 500 } : {}));
    const agentId = await h.subscribe(0, endpoint.id);
    const response = await h.ingest(
      exampleEvent(agentId, `call_health_${Date.now()}`, 'pre-conversation'),
    );
    expect(response.status).toBe(202);
    const answer = await eventually(
      async () => {
        const now = await health(endpoint.id);
        return now.last24h.succeeded === 1 ? now : undefined;
      },
      10_000,
      'the success to be counted',
    );
    expect(answer.last24h).toMatchObject({ attempts: 3, succeeded: 1 });
    expect(answer.last24h.successRate).toBeCloseTo(1 / 3);
    // Two retries 40 and 80 ms apart: somewhere above 100 ms, and a bucket's upper bound.
    expect(HEALTH_LATENCY_BUCKETS_MS).toContain(answer.last24h.p50Ms);
    expect(answer.last24h.p95Ms).toBe(answer.last24h.p50Ms);
    expect(answer.last7d).toEqual(answer.last24h);
    const attempted = answer.hourly.filter((p) => p.succeeded + p.failed > 0);
    expect(attempted.reduce((n, p) => n + p.failed, 0)).toBe(2);
  });

  it('reads only the rollup: windows of 24 hours and 7 days, nothing older, percentiles from bucket bounds', async () => {
    const endpoint = await h.createEndpoint('/health-rollup');
    const current = Math.floor(Date.now() / HOUR) * HOUR;
    const row = (hoursAgo: number, succeeded: number, failed: number, counts = {}) => ({
      webhookId: endpoint.id,
      hour: new Date(current - hoursAgo * HOUR),
      succeeded,
      failed,
      latencyBuckets: buckets(counts),
    });
    await h.ctx.db.insert(webhookHealthHourly).values([
      // In the last 24 hours: 18 of 20; times of at most 100 ms, a few at most 1 s.
      row(0, 8, 1, { 100: 8 }),
      row(23, 10, 1, { 100: 8, 1_000: 2 }),
      // Only in 7 days.
      row(24, 0, 10),
      row(167, 2, 0, { 36_000_000: 1, [Infinity]: 1 }),
      // Too old for either.
      row(168, 100, 100, { 10: 100 }),
    ]);
    const answer = await health(endpoint.id);
    expect(answer.last24h).toEqual({
      attempts: 20,
      succeeded: 18,
      successRate: 0.9,
      p50Ms: 100,
      p95Ms: 1_000,
    });
    expect(answer.last7d).toMatchObject({ attempts: 32, succeeded: 20, p50Ms: 100 });
    // 20 successes: the 19th and 20th are the slowest, one beyond the last bound.
    expect(answer.last7d.p95Ms).toBe(36_000_000);
    expect(answer.hourly[0]).toEqual({
      hour: new Date(current - 167 * HOUR).toISOString(),
      succeeded: 2,
      failed: 0,
    });
    expect(answer.hourly.at(-1)).toMatchObject({ succeeded: 8, failed: 1 });
    expect(answer.hourly.at(-25)).toMatchObject({ succeeded: 0, failed: 10 });
    expect(answer.hourly.filter((p) => p.succeeded + p.failed > 0)).toHaveLength(4);

    // One-off attempts to another URL are no measure of the endpoint (and are not in the rollup).
    await h.ctx.db.execute(sql`
      insert into delivery_attempts (delivery_id, number, kind, started_at, duration_ms, url, request_headers)
      select id, 99, 'redelivery_to_url', now(), 5, 'https://staging.example/hook', '{}'::jsonb
      from deliveries where organisation_id = ${h.org.id} limit 1
    `);
    expect(await health(endpoint.id)).toEqual(answer);
  });

  it('answers every role, and 404 for another organisation’s endpoint or none', async () => {
    const endpoint = await h.createEndpoint('/health-roles');
    for (const role of ['admin', 'support', 'viewer'] as const) {
      const response = await h.ctx.request('GET', `/api/v1/webhooks/${endpoint.id}/health`, {
        as: h.org.users[role],
      });
      expect(response.status).toBe(200);
    }
    const other = await h.ctx.createOrganisation();
    expectApiError(
      await h.ctx.request('GET', `/api/v1/webhooks/${endpoint.id}/health`, {
        as: other.users.admin,
      }),
      404,
      'not_found',
    );
    expectApiError(
      await h.ctx.request('GET', `/api/v1/webhooks/${crypto.randomUUID()}/health`, {
        as: h.org.users.viewer,
      }),
      404,
      'not_found',
    );
    expectApiError(
      await h.ctx.request('GET', `/api/v1/webhooks/${endpoint.id}/health`),
      401,
      'unauthenticated',
    );
  });
});

describe('percentileFromBuckets', () => {
  it('answers the upper bound of the bucket holding the p-th success', () => {
    expect(percentileFromBuckets(buckets({}), 0.5)).toBeNull();
    expect(percentileFromBuckets(buckets({ 10: 1 }), 0.95)).toBe(10);
    expect(percentileFromBuckets(buckets({ 25: 50, 250: 50 }), 0.5)).toBe(25);
    expect(percentileFromBuckets(buckets({ 25: 50, 250: 50 }), 0.51)).toBe(250);
    expect(percentileFromBuckets(buckets({ [Infinity]: 3 }), 0.5)).toBe(36_000_000);
  });
});
