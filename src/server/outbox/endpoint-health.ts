/**
 * The endpoint-health policy the worker applies after each attempt: a success clears an endpoint's
 * failing streak; five days of nothing but failures, or a 410 Gone, disable it.
 */
import { and, eq, isNotNull, sql } from 'drizzle-orm';
import { disabledReason } from '@contract/api-messages';
import type { Queryable } from '../db/database';
import { webhooks } from '../db/schema';

/** Five days of nothing but failures disables an endpoint (README "How delivery works"). */
export const FAILING_DISABLE_AFTER_MS = 5 * 24 * 3_600_000;

/**
 * Updates an endpoint's health after an attempt: a success clears its failing streak; a failure starts
 * one, and disables the endpoint when the receiver says 410 Gone or the streak reaches five days.
 * Returns the reason when this call disabled it.
 */
export async function recordEndpointHealth(
  db: Queryable,
  webhookId: string,
  result: { succeeded: boolean; gone: boolean; now: Date },
): Promise<string | null> {
  if (result.succeeded) {
    await db
      .update(webhooks)
      .set({ failingSince: null })
      .where(and(eq(webhooks.id, webhookId), isNotNull(webhooks.failingSince)));
    return null;
  }
  const [row] = await db
    .update(webhooks)
    .set({ failingSince: sql`coalesce(${webhooks.failingSince}, ${result.now})` })
    .where(eq(webhooks.id, webhookId))
    .returning({ failingSince: webhooks.failingSince, status: webhooks.status });
  if (!row || row.status === 'disabled') return null;
  let reason: string | null = null;
  if (result.gone) reason = disabledReason.gone;
  else if (
    row.failingSince &&
    result.now.getTime() - row.failingSince.getTime() >= FAILING_DISABLE_AFTER_MS
  ) {
    reason = disabledReason.failing;
  }
  if (reason) {
    await db
      .update(webhooks)
      .set({
        status: 'disabled',
        disabledReason: reason,
        disabledAt: result.now,
        updatedAt: result.now,
      })
      .where(and(eq(webhooks.id, webhookId), eq(webhooks.status, 'enabled')));
  }
  return reason;
}
