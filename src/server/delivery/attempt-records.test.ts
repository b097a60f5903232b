/**
 * What an attempt record says happened, written by the real worker against a real receiver: whose
 * attempt it was (the schedule's, or a person's Redeliver), when the answer started, which limit a
 * timeout hit; and the endpoint's hourly health, kept in the statement that records the attempts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { HEALTH_LATENCY_BUCKETS_MS } from '@contract/webhook-health';
import {
  createDeliveryHarness,
  exampleEvent,
  type DeliveryHarness,
} from '../testing/delivery-harness';
import { eventually } from '../testing/receiver';
import { deliveries, deliveryAttempts, webhookHealthHourly } from '../db/schema';

let h: DeliveryHarness;
let calls = 0;

beforeAll(async () => {
  h = await createDeliveryHarness();
});
afterAll(async () => {
  await h.close();
});

async function publishTo(path: string, agentIndex = 0) {
  const endpoint = await h.createEndpoint(path);
  const agentId = await h.subscribe(agentIndex, endpoint.id);
  const response = await h.ingest(
    exampleEvent(agentId, `call_records_${++calls}_${Date.now()}`, 'pre-conversation'),
  );
  expect(response.status).toBe(202);
  const [id] = (response.body as { deliveryIds: string[] }).deliveryIds;
  if (!id) throw new Error('no delivery');
  return { endpoint, id };
}

async function deliveryRow(id: string) {
  const [row] = await h.ctx.db.select().from(deliveries).where(eq(deliveries.id, id));
  if (!row) throw new Error('no such delivery');
  return row;
}

const settled = (id: string) =>
  eventually(
    async () => {
      const row = await deliveryRow(id);
      return ['succeeded', 'failed'].includes(row.status) ? row : undefined;
    },
    10_000,
    `delivery ${id} to settle`,
  );

const attemptsOf = (id: string) =>
  h.ctx.db
    .select()
    .from(deliveryAttempts)
    .where(eq(deliveryAttempts.deliveryId, id))
    .orderBy(asc(deliveryAttempts.number));

/** What the read side's Redeliver does: due now, with the person's name to record against it. */
async function redeliverAs(id: string, name: string) {
  await h.ctx.db
    .update(deliveries)
    .set({ status: 'pending', nextAttemptAt: new Date(), completedAt: null, manualAttemptBy: name })
    .where(eq(deliveries.id, id));
  h.worker.wake();
}

describe('attempt records', () => {
  it('say scheduled, with no one behind them, and when the answer started', async () => {
    const { id } = await publishTo('/records-scheduled');
    await settled(id);
    const [attempt] = await attemptsOf(id);
    expect(attempt).toMatchObject({ kind: 'scheduled', requestedBy: null, responseStatus: 200 });
    expect(attempt?.headersMs).toBeGreaterThan(0);
    expect(attempt?.headersMs).toBeLessThanOrEqual(attempt?.durationMs ?? 0);
  });

  it('record the attempt a person’s Redeliver asked for as theirs, once, and clear it', async () => {
    const { id } = await publishTo('/records-redeliver');
    await settled(id);
    // The redelivery fails, so the schedule's own retry follows it.
    h.receiver.behave('/records-redeliver', (_req, i) => (i === 1 ? { status: 503 } : {}));
    await redeliverAs(id, 'Ana Admin');
    await eventually(async () => (await attemptsOf(id)).length === 3, 10_000, 'three attempts');
    const attempts = await attemptsOf(id);
    expect(attempts.map((a) => [a.kind, a.requestedBy, a.responseStatus])).toEqual([
      ['scheduled', null, 200],
      ['redelivery', 'Ana Admin', 503],
      ['scheduled', null, 200],
    ]);
    expect((await deliveryRow(id)).manualAttemptBy).toBeNull();
  });

  it('name the limit a timeout hit, and have no header time without an answer', async () => {
    // The harness's RINGPOST_DELIVERY_TIMEOUT is 1 s.
    h.receiver.behave('/records-timeout', (_req, i) => (i === 0 ? { delayMs: 1_500 } : {}));
    const { id } = await publishTo('/records-timeout');
    await settled(id);
    const [first] = await attemptsOf(id);
    expect(first).toMatchObject({
      kind: 'scheduled',
      errorCategory: 'timeout',
      errorMessage: 'No response within 1 s (RINGPOST_DELIVERY_TIMEOUT)',
      responseStatus: null,
      headersMs: null,
    });
  });
});

describe('the hourly health rollup', () => {
  it('counts attempts by the hour they started and puts each success’s accepted → 2xx time in a bucket', async () => {
    h.receiver.behave('/records-health', (_req, i) => (i === 0 ? { status: 500 } : {}));
    const { endpoint, id } = await publishTo('/records-health', 1);
    const delivered = await settled(id);
    const attempts = await attemptsOf(id);
    expect(attempts.map((a) => a.responseStatus)).toEqual([500, 200]);

    const rows = await h.ctx.db
      .select()
      .from(webhookHealthHourly)
      .where(eq(webhookHealthHourly.webhookId, endpoint.id));
    const hours = new Set(
      attempts.map((a) => Math.floor(a.startedAt.getTime() / 3_600_000) * 3_600_000),
    );
    expect(rows.map((r) => r.hour.getTime()).sort()).toEqual([...hours].sort());
    const total = rows.reduce(
      (sum, r) => ({ succeeded: sum.succeeded + r.succeeded, failed: sum.failed + r.failed }),
      { succeeded: 0, failed: 0 },
    );
    expect(total).toEqual({ succeeded: 1, failed: 1 });

    // The success's bucket: the first whose upper bound its accepted → 2xx time does not pass.
    const latency = (delivered.completedAt?.getTime() ?? 0) - delivered.createdAt.getTime();
    const expected = HEALTH_LATENCY_BUCKETS_MS.findIndex((bound) => latency <= bound);
    const buckets = rows.flatMap((r) => r.latencyBuckets.map((n, i) => ({ n, i })));
    expect(buckets.filter((b) => b.n > 0)).toEqual([{ n: 1, i: expected }]);
    expect(
      rows.every((r) => r.latencyBuckets.length === HEALTH_LATENCY_BUCKETS_MS.length + 1),
    ).toBe(true);
  });

  it('adds to an hour’s row as more attempts are recorded in it', async () => {
    const endpoint = await h.createEndpoint('/records-health-many');
    const agentId = await h.subscribe(2, endpoint.id);
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      const response = await h.ingest(
        exampleEvent(agentId, `call_health_many_${i}_${Date.now()}`, 'pre-conversation'),
      );
      ids.push(...(response.body as { deliveryIds: string[] }).deliveryIds);
    }
    for (const id of ids) await settled(id);
    const [row] = await h.ctx.db
      .select({
        succeeded: sql<number>`sum(${webhookHealthHourly.succeeded})::integer`,
        buckets: sql<number>`sum((select sum(n) from unnest(${webhookHealthHourly.latencyBuckets}) n))::integer`,
      })
      .from(webhookHealthHourly)
      .where(eq(webhookHealthHourly.webhookId, endpoint.id));
    expect(row).toEqual({ succeeded: 12, buckets: 12 });
  });
});
