/**
 * Sending again: a person's Redeliver, replaying what a disabled endpoint skipped, and counting it.
 */
import { and, eq, sql } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../db/database';
import { deliveries } from '../db/schema';

export async function countSkippedDeliveries(
  db: Queryable,
  organisationId: string,
  webhookId: string,
): Promise<number> {
  return db.$count(
    deliveries,
    and(
      eq(deliveries.organisationId, organisationId),
      eq(deliveries.webhookId, webhookId),
      eq(deliveries.status, 'skipped'),
    ),
  );
}

/**
 * A new attempt now; the delivery keeps its id (and so its webhook-id) and its history. `requestedBy`
 * (the person's name) stays on the delivery until the worker records that attempt as theirs.
 *
 * The call's later deliveries to the same endpoint that wait behind this one were postponed by the
 * claim to when it was next due (possibly hours away, or a Retry-After); they are brought forward to
 * now too, in the same statement, so that they follow the redelivery instead of that old time.
 */
export async function scheduleRedelivery(
  db: Queryable,
  organisationId: string,
  id: string,
  now: Date,
  requestedBy: string,
): Promise<boolean> {
  const result = await db.execute(sql`
    with target as (
      update deliveries
      set status = 'pending', next_attempt_at = ${now}, completed_at = null,
          manual_attempt_by = ${requestedBy}
      where organisation_id = ${organisationId} and id = ${id} and status <> 'delivering'
      returning id, webhook_id, call_id, sequence
    ),
    behind as (
      update deliveries d
      set next_attempt_at = ${now}
      from target t
      where d.webhook_id = t.webhook_id and d.call_id = t.call_id and d.sequence > t.sequence
        and d.status = 'pending' and d.next_attempt_at > ${now}
      returning d.id
    )
    select id from target
  `);
  return rowsOf<{ id: string }>(result).length > 0;
}

/** Skipped deliveries go out again; answers them (live updates name each). */
export async function replaySkippedDeliveries(
  db: Queryable,
  organisationId: string,
  webhookId: string,
  now: Date,
): Promise<{ id: string; callId: string }[]> {
  const updated = await db
    .update(deliveries)
    .set({
      status: 'pending',
      nextAttemptAt: now,
      completedAt: null,
      lastError: null,
      lastErrorCategory: null,
    })
    .where(
      and(
        eq(deliveries.organisationId, organisationId),
        eq(deliveries.webhookId, webhookId),
        eq(deliveries.status, 'skipped'),
      ),
    )
    .returning({ id: deliveries.id, callId: deliveries.callId });
  return updated;
}
