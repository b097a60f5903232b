/**
 * Recording: an attempt and its delivery's new state are stored together, and completing a delivery
 * without an attempt (an endpoint found disabled) marks it skipped.
 */
import { eq, sql } from 'drizzle-orm';
import type { AttemptKind, DeliveryStatus } from '@contract/deliveries';
import { rowsOf, type Queryable } from '../db/database';
import {
  ATTEMPT_TARGET_COLUMNS,
  toAttemptTarget,
  type AttemptTarget,
  type ClaimedRow,
} from './claim';
import { healthRollupRows, healthRollupUpsert } from '../db/queries/webhook-health';
import { deliveries } from '../db/schema';

export interface AttemptRecord {
  /** `scheduled`, or `redelivery` for the attempt a person's Redeliver asked for (recorded as theirs). */
  kind: Extract<AttemptKind, 'scheduled' | 'redelivery'>;
  requestedBy: string | null;
  startedAt: Date;
  durationMs: number;
  /** Until the status line and headers arrived; null when none did. */
  headersMs: number | null;
  url: string;
  requestHeaders: Record<string, string>;
  responseStatus: number | null;
  responseHeaders: Record<string, string> | null;
  /** Text, or base64 of the receiver's bytes (see outbox/storable-attempt.ts). */
  responseBody: string | null;
  responseBodyEncoding: 'utf8' | 'base64';
  responseTruncated: boolean;
  errorCategory: string | null;
  errorMessage: string | null;
}

export interface DeliveryOutcome {
  status: DeliveryStatus;
  nextAttemptAt: Date | null;
  lastError: string | null;
  completedAt: Date | null;
}

export interface AttemptResult {
  deliveryId: string;
  /** The delivery's endpoint and acceptance, for the hourly health rollup. */
  webhookId: string;
  acceptedAt: Date;
  attempt: AttemptRecord;
  outcome: DeliveryOutcome;
  /**
   * When the outcome finishes the delivery, lease the next delivery of its lane (its call, to the same
   * endpoint) that is due at `now` until `leaseUntil`, in the same statement: see recordAttempts. Null
   * for a worker that is stopping and takes no more.
   */
  handOn: { now: Date; leaseUntil: Date } | null;
}

/**
 * Stores attempts and their deliveries' new states together: an attempt is never saved without its
 * outcome, nor the reverse. Batched because, on the embedded database especially, each
 * statement costs far more than each row.
 *
 * The same statement adds the attempts to their endpoints' hourly health (webhook_health_hourly), so
 * that the rollup cannot drift from the attempts and costs no round trip of its own; and clears a
 * person's Redeliver (manual_attempt_by) once the attempt made for it is recorded as theirs.
 *
 * It also hands the slot on: for a delivery that this outcome finishes (succeeded or failed) and whose
 * result asks for it (`handOn`), it leases to this worker the next delivery of the same lane (same call,
 * same endpoint) if that one is due and nothing else earlier in the lane is unfinished, and returns it,
 * keyed by the finished delivery's id. Order holds: the next one is leased in the statement that
 * finishes the one before. The caps hold: one delivery of the endpoint and organisation finishes as
 * one of the same starts. And a lane's End and Analytics Completed do not wait for a claim.
 */
export async function recordAttempts(
  db: Queryable,
  workerId: string,
  results: AttemptResult[],
): Promise<Map<string, AttemptTarget>> {
  const handedOn = new Map<string, AttemptTarget>();
  if (results.length === 0) return handedOn;
  const rows = results.map(
    ({ deliveryId, attempt, outcome, handOn }) => sql`(
      ${deliveryId}::text, ${attempt.kind}::text, ${attempt.requestedBy}::text, ${attempt.startedAt}::timestamptz,
      ${attempt.durationMs}::double precision, ${attempt.headersMs}::double precision, ${attempt.url}::text,
      ${JSON.stringify(attempt.requestHeaders)}::jsonb, ${attempt.responseStatus}::integer,
      ${attempt.responseHeaders === null ? null : JSON.stringify(attempt.responseHeaders)}::jsonb, ${attempt.responseBody}::text,
      ${attempt.responseBodyEncoding}::text, ${attempt.responseTruncated}::boolean, ${attempt.errorCategory}::text, ${attempt.errorMessage}::text,
      ${outcome.status}::text, ${outcome.nextAttemptAt}::timestamptz, ${outcome.completedAt}::timestamptz, ${outcome.lastError}::text,
      ${handOn?.now ?? null}::timestamptz, ${handOn?.leaseUntil ?? null}::timestamptz
    )`,
  );
  // One statement, so one round trip and atomic without BEGIN/COMMIT.
  const result = await db.execute(sql`
    with v (id, kind, requested_by, started_at, duration_ms, headers_ms, url, request_headers, response_status,
            response_headers, response_body, response_body_encoding, response_truncated, error_category,
            error_message, status, next_attempt_at, completed_at, last_error, hand_on_at, hand_on_until) as (
      values ${sql.join(rows, sql`, `)}
    ),
    stored_attempts as (
      insert into delivery_attempts (delivery_id, number, kind, requested_by, started_at, duration_ms, headers_ms, url,
                                     request_headers, response_status, response_headers, response_body,
                                     response_body_encoding, response_truncated, error_category, error_message)
      select v.id,
             -- Counted in the database: a delivery whose lease expired mid-attempt may be attempted twice.
             (select coalesce(max(a.number), 0) + 1 from delivery_attempts a where a.delivery_id = v.id),
             v.kind, v.requested_by, v.started_at, v.duration_ms, v.headers_ms, v.url, v.request_headers,
             v.response_status, v.response_headers, v.response_body, v.response_body_encoding,
             v.response_truncated, v.error_category, v.error_message
      from v
      returning 1
    ),
    health as (${healthRollupUpsert(healthRollupRows(results.map(toHealthSample)))}),
    recorded as (
      update deliveries as d
      set status = v.status,
          next_attempt_at = v.next_attempt_at,
          completed_at = v.completed_at,
          last_error = v.last_error,
          last_error_category = case when v.status = 'succeeded' then null else v.error_category end,
          last_response_status = v.response_status,
          last_duration_ms = v.duration_ms,
          attempt_count = d.attempt_count + 1,
          -- Spent by this attempt; a Redeliver pressed since (after a lost lease) stays for the next one.
          manual_attempt_by = case when d.manual_attempt_by is not distinct from v.requested_by
                                   then null else d.manual_attempt_by end,
          lease_expires_at = null,
          leased_by = null
      from v
      -- Another worker that took over an expired lease owns the delivery's state now.
      where d.id = v.id and (d.leased_by = ${workerId} or d.leased_by is null)
      returning d.id, d.webhook_id, d.call_id, d.sequence, d.status, v.hand_on_at, v.hand_on_until
    ),
    next_in_lane as (
      -- This statement's snapshot still shows the finished delivery as it was (delivering): it is left
      -- out of the check for earlier unfinished ones by id.
      select distinct on (r.id) r.id as after_id, n.id, r.hand_on_until
      from recorded r
      join deliveries n on n.webhook_id = r.webhook_id and n.call_id = r.call_id and n.sequence > r.sequence
      where r.hand_on_at is not null and r.status in ('succeeded', 'failed')
        and n.status = 'pending' and n.next_attempt_at <= r.hand_on_at
        and not exists (
          select 1 from deliveries e
          where e.webhook_id = n.webhook_id and e.call_id = n.call_id and e.sequence < n.sequence
            and e.status in ('pending', 'delivering') and e.id <> r.id
        )
      order by r.id, n.sequence, n.next_attempt_at, n.id
    )
    update deliveries d
    set status = 'delivering', lease_expires_at = x.hand_on_until, leased_by = ${workerId}
    from next_in_lane x, webhooks w
    -- Checked again on the row's newest version: a person may have cancelled or replayed it meanwhile.
    where d.id = x.id and d.status = 'pending' and w.id = d.webhook_id
    returning x.after_id, ${ATTEMPT_TARGET_COLUMNS}
  `);
  for (const row of rowsOf<ClaimedRow & { after_id: string }>(result))
    handedOn.set(row.after_id, toAttemptTarget(row));
  return handedOn;
}

function toHealthSample({ webhookId, acceptedAt, attempt, outcome }: AttemptResult) {
  const succeeded = outcome.status === 'succeeded';
  return {
    webhookId,
    startedAt: attempt.startedAt,
    succeeded,
    acceptedToSuccessMs:
      succeeded && outcome.completedAt
        ? outcome.completedAt.getTime() - acceptedAt.getTime()
        : null,
  };
}

/** A delivery for a disabled endpoint: kept, marked skipped, replayable once the endpoint is enabled. */
export async function markSkipped(db: Queryable, deliveryId: string, now: Date) {
  await db
    .update(deliveries)
    .set({
      status: 'skipped',
      lastError: 'The endpoint is disabled',
      lastErrorCategory: 'endpoint_disabled',
      completedAt: now,
      leaseExpiresAt: null,
      leasedBy: null,
      nextAttemptAt: null,
      // No attempt is made, so nobody's Redeliver is spent on it; a replay starts clean.
      manualAttemptBy: null,
    })
    .where(eq(deliveries.id, deliveryId));
}
