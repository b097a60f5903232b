/** How deep the queue is and how late its oldest due delivery: what /metrics reports. */
import { and, count, inArray, lt, min } from 'drizzle-orm';
import type { Queryable } from '../db/database';
import { deliveries } from '../db/schema';

export async function queueStats(db: Queryable, now: Date) {
  const [row] = await db
    .select({ depth: count(), oldestDue: min(deliveries.nextAttemptAt) })
    .from(deliveries)
    .where(
      and(inArray(deliveries.status, ['pending', 'delivering']), lt(deliveries.nextAttemptAt, now)),
    );
  const [all] = await db
    .select({ depth: count() })
    .from(deliveries)
    .where(inArray(deliveries.status, ['pending', 'delivering']));
  return {
    queued: all?.depth ?? 0,
    due: row?.depth ?? 0,
    oldestDueAgeSeconds: row?.oldestDue
      ? Math.max(0, (now.getTime() - row.oldestDue.getTime()) / 1000)
      : 0,
  };
}
