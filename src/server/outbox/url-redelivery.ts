/**
 * A person's one-off Redeliver to another URL, recorded as an attempt of the delivery. It is history
 * only: the delivery's status, attempt count and schedule stay as they are (the worker's attempts are
 * recorded in record.ts, with the delivery's new state).
 */
import { and, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/database';
import type { AttemptRecord } from './record';
import { deliveries, deliveryAttempts } from '../db/schema';

export type DeliveryAttemptRow = typeof deliveryAttempts.$inferSelect;

/**
 * What was sent and what came back, already in storable form (outbound/storable-text.ts): a worker
 * attempt's record, asked for by a person (their name, kept if they leave).
 */
export type UrlRedeliveryRecord = Omit<AttemptRecord, 'kind' | 'requestedBy'> & {
  requestedBy: string;
};

/**
 * Stores the attempt numbered after the delivery's existing ones; undefined when the organisation has
 * no such delivery (any more: it may have been pruned while the request was out).
 */
export async function recordUrlRedelivery(
  db: Queryable,
  organisationId: string,
  deliveryId: string,
  record: UrlRedeliveryRecord,
): Promise<DeliveryAttemptRow | undefined> {
  return db.transaction(async (tx) => {
    // The delivery's row lock orders this against the worker recording an attempt of the same delivery
    // (its statement updates that row), so the two do not take the same number.
    const [owned] = await tx
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(and(eq(deliveries.organisationId, organisationId), eq(deliveries.id, deliveryId)))
      .for('update');
    if (!owned) return undefined;
    const [row] = await tx
      .insert(deliveryAttempts)
      .values({
        ...record,
        deliveryId,
        kind: 'redelivery_to_url',
        number: sql`(select coalesce(max(a.number), 0) + 1 from delivery_attempts a where a.delivery_id = ${deliveryId})`,
      })
      .returning();
    return row;
  });
}
