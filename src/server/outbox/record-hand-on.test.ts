/**
 * Recording a finished delivery hands its slot to the next delivery of its lane (recordAttempts'
 * `handOn`): leased in the same statement, and only when that keeps per-call order — never past an
 * unfinished earlier delivery, never for a retry, never for a worker that asks for none.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventType } from '@contract/event-types';
import type { DatabaseHandle } from '../db/database';
import { newDeliveryId } from '../db/ids';
import { deliveries } from '../db/schema';
import { organisationWithEndpoint } from '../testing/outbox-fixtures';
import { createTestDatabase } from '../testing/test-database';
import { EVENT_SEQUENCE, insertDeliveries } from './enqueue';
import { recordAttempts, type AttemptResult, type DeliveryOutcome } from './record';

const WORKER = 'worker-hand-on-test';
const NOW = new Date('2026-05-01T12:00:00Z');
const LEASE_UNTIL = new Date(NOW.getTime() + 60_000);
let database: DatabaseHandle;
let organisationId: string;
let webhookId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  ({ organisationId, webhookId } = await organisationWithEndpoint(database.db, 'Hand-on', NOW));
});
afterAll(async () => {
  await database.close();
});

type State = 'pending' | 'delivering' | 'succeeded' | 'later';

/** One delivery of `callId` to the test endpoint; `later` is pending but not due until after NOW. */
async function delivery(callId: string, eventType: EventType, state: State): Promise<string> {
  const id = newDeliveryId();
  await insertDeliveries(database.db, [
    {
      id,
      organisationId,
      webhookId,
      callId,
      eventType,
      sequence: EVENT_SEQUENCE[eventType],
      body: '{}',
      status: state === 'later' ? 'pending' : state,
      nextAttemptAt:
        state === 'later' ? new Date(NOW.getTime() + 5_000) : state === 'succeeded' ? null : NOW,
      completedAt: state === 'succeeded' ? NOW : null,
      leaseExpiresAt: state === 'delivering' ? LEASE_UNTIL : null,
      leasedBy: state === 'delivering' ? WORKER : null,
    },
  ]);
  return id;
}

const SUCCEEDED: DeliveryOutcome = {
  status: 'succeeded',
  nextAttemptAt: null,
  completedAt: NOW,
  lastError: null,
};
const RETRYING: DeliveryOutcome = {
  status: 'pending',
  nextAttemptAt: new Date(NOW.getTime() + 5_000),
  completedAt: null,
  lastError: 'http_status: Answered 500',
};

function finished(
  deliveryId: string,
  outcome: DeliveryOutcome = SUCCEEDED,
  handOn: AttemptResult['handOn'] = { now: NOW, leaseUntil: LEASE_UNTIL },
): AttemptResult {
  const status = outcome.status === 'succeeded' ? 200 : 500;
  return {
    deliveryId,
    webhookId,
    acceptedAt: NOW,
    handOn,
    outcome,
    attempt: {
      kind: 'scheduled',
      requestedBy: null,
      startedAt: NOW,
      durationMs: 3,
      headersMs: 2,
      url: 'https://example.com/hook',
      requestHeaders: {},
      responseStatus: status,
      responseHeaders: {},
      responseBody: '',
      responseBodyEncoding: 'utf8',
      responseTruncated: false,
      errorCategory: status === 200 ? null : 'http_status',
      errorMessage: status === 200 ? null : `Answered ${status}`,
    },
  };
}

async function row(id: string) {
  const [found] = await database.db.select().from(deliveries).where(eq(deliveries.id, id));
  return found;
}

describe('recording hands the slot on to the lane', () => {
  it('leases the call’s next delivery to the same endpoint as the one before finishes', async () => {
    const start = await delivery('call_a', 'pre-conversation', 'delivering');
    const end = await delivery('call_a', 'post-conversation', 'pending');
    const analytics = await delivery('call_a', 'analytics-completed', 'pending');

    const handedOn = await recordAttempts(database.db, WORKER, [finished(start)]);

    expect([...handedOn.keys()]).toEqual([start]);
    expect(handedOn.get(start)).toMatchObject({
      delivery: { id: end, organisationId, callId: 'call_a', body: '{}', attemptCount: 0 },
      webhook: { id: webhookId, url: 'https://example.com/hook', status: 'enabled' },
    });
    expect(await row(start)).toMatchObject({ status: 'succeeded', leasedBy: null });
    expect(await row(end)).toMatchObject({
      status: 'delivering',
      leasedBy: WORKER,
      leaseExpiresAt: LEASE_UNTIL,
    });
    // Analytics Completed waits for End.
    expect(await row(analytics)).toMatchObject({ status: 'pending', leasedBy: null });

    // The lane moves on one delivery at a time, from a final failure as from a success.
    const failedEnd = { status: 'failed', nextAttemptAt: null, completedAt: NOW, lastError: 'x' };
    const next = await recordAttempts(database.db, WORKER, [
      finished(end, failedEnd as DeliveryOutcome),
    ]);
    expect(next.get(end)?.delivery.id).toBe(analytics);
  });

  it('hands nothing on for a retry, to a delivery not yet due, or when asked for none', async () => {
    const retried = await delivery('call_b', 'pre-conversation', 'delivering');
    const waitingForRetry = await delivery('call_b', 'post-conversation', 'pending');
    const early = await delivery('call_c', 'pre-conversation', 'delivering');
    const notDue = await delivery('call_c', 'post-conversation', 'later');
    const stopping = await delivery('call_d', 'pre-conversation', 'delivering');
    const leftForAClaim = await delivery('call_d', 'post-conversation', 'pending');

    const handedOn = await recordAttempts(database.db, WORKER, [
      finished(retried, RETRYING),
      finished(early),
      finished(stopping, SUCCEEDED, null),
    ]);

    expect(handedOn.size).toBe(0);
    for (const id of [waitingForRetry, notDue, leftForAClaim])
      expect(await row(id)).toMatchObject({ status: 'pending', leasedBy: null });
  });

  it('never passes an earlier delivery of the lane that is still unfinished', async () => {
    // A person's Redeliver made Start pending again while End is in flight; Analytics Completed must
    // wait for Start too.
    const start = await delivery('call_e', 'pre-conversation', 'pending');
    const end = await delivery('call_e', 'post-conversation', 'delivering');
    const analytics = await delivery('call_e', 'analytics-completed', 'pending');

    const handedOn = await recordAttempts(database.db, WORKER, [finished(end)]);

    expect(handedOn.size).toBe(0);
    expect(await row(analytics)).toMatchObject({ status: 'pending', leasedBy: null });
    expect(await row(start)).toMatchObject({ status: 'pending' });
  });

  it('leaves alone a next delivery that another worker holds, or that is already done', async () => {
    const start = await delivery('call_f', 'pre-conversation', 'delivering');
    const end = await delivery('call_f', 'post-conversation', 'succeeded');
    const start2 = await delivery('call_g', 'pre-conversation', 'delivering');
    const end2 = await delivery('call_g', 'post-conversation', 'pending');
    await database.db
      .update(deliveries)
      .set({ status: 'delivering', leasedBy: 'another-worker', leaseExpiresAt: LEASE_UNTIL })
      .where(eq(deliveries.id, end2));

    const handedOn = await recordAttempts(database.db, WORKER, [finished(start), finished(start2)]);

    expect(handedOn.size).toBe(0);
    expect(await row(end)).toMatchObject({ status: 'succeeded' });
    expect(await row(end2)).toMatchObject({ status: 'delivering', leasedBy: 'another-worker' });
  });
});
