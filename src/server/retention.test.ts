/**
 * Retention against a real database: only what is due goes — finished deliveries completed before the
 * retention period, their attempts, and events left without deliveries — in batches, never a pending
 * or delivering delivery, never anything newer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inArray } from 'drizzle-orm';
import type { EventType } from '@contract/event-types';
import { newDeliveryId } from './db/ids';
import { EVENT_SEQUENCE, type NewDelivery } from './outbox/enqueue';
import { deliveries, deliveryAttempts, events } from './db/schema';
import { pruneExpired } from './retention';
import { createTestContext, type TestContext, type TestOrganisation } from './testing/test-app';

let ctx: TestContext;
let org: TestOrganisation;
let webhookId: string;

const DAY = 86_400_000;
const RETENTION = 30 * DAY;
const now = new Date('2031-01-31T12:00:00Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY);

beforeAll(async () => {
  ctx = await createTestContext({ env: { RINGPOST_ALLOWED_TARGETS: '127.0.0.0/8' } });
  org = await ctx.createOrganisation();
  const created = await ctx.request('POST', '/api/v1/webhooks', {
    as: org.users.admin,
    body: { url: 'http://127.0.0.1:9/retention' },
  });
  webhookId = (created.body as { id: string }).id;
});
afterAll(async () => {
  await ctx.close();
});

let calls = 0;

/** An event received `receivedDaysAgo`, with a delivery in this state unless `delivery` is null. */
async function history(
  receivedDaysAgo: number,
  delivery: { status: NewDelivery['status']; completedDaysAgo: number | null } | null,
  eventType: EventType = 'pre-conversation',
) {
  const eventId = crypto.randomUUID();
  const callId = `call_retention_${++calls}`;
  const agentId = org.agents[0]?.id ?? '';
  await ctx.db.insert(events).values({
    id: eventId,
    organisationId: org.id,
    agentId,
    callId,
    eventType,
    details: {},
    receivedAt: ago(receivedDaysAgo),
  });
  if (!delivery) return { eventId, deliveryId: undefined };
  const deliveryId = newDeliveryId(ago(receivedDaysAgo).getTime());
  await ctx.db.insert(deliveries).values({
    id: deliveryId,
    organisationId: org.id,
    webhookId,
    eventId,
    agentId,
    callId,
    eventType,
    sequence: EVENT_SEQUENCE[eventType],
    body: '{}',
    status: delivery.status,
    attemptCount: 1,
    createdAt: ago(receivedDaysAgo),
    completedAt: delivery.completedDaysAgo === null ? null : ago(delivery.completedDaysAgo),
    nextAttemptAt: delivery.status === 'pending' ? ago(receivedDaysAgo) : null,
  });
  await ctx.db.insert(deliveryAttempts).values({
    deliveryId,
    number: 1,
    startedAt: ago(receivedDaysAgo),
    durationMs: 12,
    url: 'http://127.0.0.1:9/retention',
    requestHeaders: {},
    responseStatus: 500,
  });
  return { eventId, deliveryId };
}

async function remaining(ids: { eventId: string; deliveryId: string | undefined }[]) {
  const eventIds = ids.map((i) => i.eventId);
  const deliveryIds = ids.flatMap((i) => (i.deliveryId ? [i.deliveryId] : []));
  const keptEvents = await ctx.db
    .select({ id: events.id })
    .from(events)
    .where(inArray(events.id, eventIds));
  const keptDeliveries = await ctx.db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(inArray(deliveries.id, deliveryIds));
  const keptAttempts = await ctx.db
    .select({ id: deliveryAttempts.deliveryId })
    .from(deliveryAttempts)
    .where(inArray(deliveryAttempts.deliveryId, deliveryIds));
  return {
    events: new Set(keptEvents.map((r) => r.id)),
    deliveries: new Set(keptDeliveries.map((r) => r.id)),
    attempts: new Set(keptAttempts.map((r) => r.id)),
  };
}

describe('pruneExpired', () => {
  it('deletes finished deliveries completed before the retention period, their attempts and the events they leave, and nothing else', async () => {
    const due = [
      await history(40, { status: 'succeeded', completedDaysAgo: 40 }),
      await history(45, { status: 'failed', completedDaysAgo: 31 }, 'post-conversation'),
      await history(35, { status: 'skipped', completedDaysAgo: 35 }, 'analytics-completed'),
    ];
    // Received long ago, but no endpoint was subscribed: no delivery at all.
    const unsubscribed = await history(50, null);
    const kept = {
      // Finished within the retention period, though created before it: kept by completion time.
      recentlyFinished: await history(40, { status: 'failed', completedDaysAgo: 10 }),
      newer: await history(5, { status: 'succeeded', completedDaysAgo: 5 }),
      // Never a delivery that is still to go or going, however old, whatever completed_at says
      // (a Redeliver clears it, but a row written otherwise must not be lost).
      pending: await history(90, { status: 'pending', completedDaysAgo: null }),
      pendingWithOldCompletion: await history(90, { status: 'pending', completedDaysAgo: 60 }),
      delivering: await history(90, { status: 'delivering', completedDaysAgo: 60 }),
      newUnsubscribedEvent: await history(3, null),
    };

    const pruned = await pruneExpired(ctx.db, {
      retentionMs: RETENTION,
      now,
      batchSize: 2,
      pauseMs: 1,
    });
    expect(pruned).toEqual({ deliveries: 3, events: 4 });

    const left = await remaining([...due, unsubscribed, ...Object.values(kept)]);
    for (const gone of due) {
      expect(left.deliveries.has(gone.deliveryId ?? '')).toBe(false);
      expect(left.attempts.has(gone.deliveryId ?? '')).toBe(false);
      expect(left.events.has(gone.eventId)).toBe(false);
    }
    expect(left.events.has(unsubscribed.eventId)).toBe(false);
    for (const [name, stay] of Object.entries(kept)) {
      expect({ name, event: left.events.has(stay.eventId) }).toEqual({ name, event: true });
      if (stay.deliveryId) {
        expect({ name, delivery: left.deliveries.has(stay.deliveryId) }).toEqual({
          name,
          delivery: true,
        });
        expect(left.attempts.has(stay.deliveryId)).toBe(true);
      }
    }

    // Nothing more is due: a second run deletes nothing.
    expect(await pruneExpired(ctx.db, { retentionMs: RETENTION, now })).toEqual({
      deliveries: 0,
      events: 0,
    });
  });

  it('works through a long backlog in batches, and stops between batches when asked', async () => {
    const backlog = [];
    for (let i = 0; i < 7; i++)
      backlog.push(await history(60, { status: 'succeeded', completedDaysAgo: 60 }));
    let batches = 0;
    const first = await pruneExpired(ctx.db, {
      retentionMs: RETENTION,
      now,
      batchSize: 2,
      pauseMs: 1,
      // Stops once three batches have started.
      stopped: () => ++batches > 3,
    });
    expect(first.deliveries).toBe(6);
    const rest = await pruneExpired(ctx.db, {
      retentionMs: RETENTION,
      now,
      batchSize: 2,
      pauseMs: 1,
    });
    expect(rest).toEqual({ deliveries: 1, events: 7 });
    const left = await remaining(backlog);
    expect(left.deliveries.size + left.events.size + left.attempts.size).toBe(0);
  });
});
