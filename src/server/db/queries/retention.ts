/**
 * Retention (RINGPOST_RETENTION): deliveries finished longer ago than the retention period are deleted,
 * with their attempts (the foreign key cascades), and so are the events left without a delivery. A batch
 * at a time, each its own short statement, so that pruning a long history never holds the queue's rows
 * or its indexes for long.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf, type Queryable } from '../database';

/**
 * Deletes up to `limit` succeeded, failed or skipped deliveries completed before `completedBefore`;
 * returns how many. A pending or delivering one is never touched, whatever its completed_at says. Rows
 * another transaction holds (a Redeliver in progress, say) are skipped: the next run takes them if they
 * are still due, and the status is checked again on the row as it is when locked.
 */
export async function deleteFinishedDeliveries(
  db: Queryable,
  completedBefore: Date,
  limit: number,
): Promise<number> {
  return rowsOf<{ id: string }>(await db.execute(finishedDeliveriesBatch(completedBefore, limit)))
    .length;
}

/** deleteFinishedDeliveries' statement, unrun: for EXPLAIN (scripts/bench-inspector.ts). */
export function finishedDeliveriesBatch(completedBefore: Date, limit: number): SQL {
  return sql`
    delete from deliveries
    -- By key: as a join, the planner may read the whole table to find the batch's rows.
    where id = any(array(
      select id from deliveries
      where status in ('succeeded', 'failed', 'skipped') and completed_at < ${completedBefore}
      order by completed_at
      limit ${limit}::integer
      for update skip locked
    ))
    returning id
  `;
}

/**
 * Deletes up to `limit` events received before `receivedBefore` that have no delivery: those whose
 * deliveries were pruned, and those no endpoint was subscribed to. An event never gains a delivery after
 * it is stored (ingestion writes both in one statement), so one without is done with.
 */
export async function deleteEventsWithoutDeliveries(
  db: Queryable,
  receivedBefore: Date,
  limit: number,
): Promise<number> {
  const result = await db.execute(sql`
    delete from events
    where id = any(array(
      select e.id from events e
      where e.received_at < ${receivedBefore}
        and not exists (select 1 from deliveries d where d.event_id = e.id)
      order by e.received_at
      limit ${limit}::integer
      for update skip locked
    ))
    returning id
  `);
  return rowsOf<{ id: string }>(result).length;
}
