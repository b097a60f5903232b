/**
 * Claiming: the worker takes due deliveries under a lease with `FOR UPDATE SKIP LOCKED`, so any number
 * of workers share one table without taking the same row; a worker that dies leaves leases that
 * expire, and another worker picks those deliveries up (docs/decisions/0009).
 */
import { and, eq, inArray, lt, sql } from 'drizzle-orm';
import type { WebhookStatus } from '@contract/webhooks';
import { rowsOf, type Queryable } from '../db/database';
import { deliveries } from '../db/schema';

export interface ClaimOptions {
  workerId: string;
  now: Date;
  limit: number;
  /** At most this many deliveries in flight per endpoint, across all workers. */
  perEndpoint: number;
  /** At most this many deliveries in flight per organisation, across all workers. */
  perOrganisation: number;
  leaseMs: number;
}

/**
 * Takes up to `limit` due deliveries. A delivery waits while an earlier delivery of its call to the same
 * endpoint is unfinished (per-call order); an endpoint already at `perEndpoint` in flight gets no more
 * (one slow receiver cannot take every worker slot), nor does an organisation at `perOrganisation` (one
 * organisation's many slow endpoints cannot either).
 *
 * Organisations take turns. The statement finds the organisations with pending deliveries by skipping
 * through the per-organisation index (one probe each), leaves out those at their cap, and reads the
 * front of each other one's queue, in due order, an even share of `window` rows each; it then takes the
 * first of every organisation's front, then the second, and so on, up to `window` rows, and picks from
 * those in the same turns. So one organisation's long backlog neither fills the rows looked at nor the
 * slots, and a long queue costs no more than a short one (many organisations waiting at once cost a
 * probe and a few rows each). Lanes are checked only in those rows. A delivery found blocked behind an
 * earlier one is moved back to when that one is next due, so blocked lanes do not pile up at the front
 * and hide deliveries that could go.
 *
 * Like the per-endpoint cap, the per-organisation cap is counted from this statement's snapshot: two
 * workers claiming at the same instant may each fill the same room, so it can be passed by what one
 * claim takes, briefly.
 */
export async function claimDueDeliveries(
  db: Queryable,
  options: ClaimOptions,
): Promise<AttemptTarget[]> {
  const { now, limit, perEndpoint, perOrganisation, workerId } = options;
  const leaseUntil = new Date(now.getTime() + options.leaseMs);
  const window = Math.max(limit * 4, 100);
  const result = await db.execute(sql`
    with recursive pending_organisations (organisation_id) as (
      (select organisation_id from deliveries where status = 'pending' order by organisation_id limit 1)
      union all
      select (
        select d.organisation_id from deliveries d
        where d.status = 'pending' and d.organisation_id > p.organisation_id
        order by d.organisation_id
        limit 1
      )
      from pending_organisations p
      where p.organisation_id is not null
    ),
    organisations_busy as (
      select organisation_id, count(*) as in_flight
      from deliveries
      where status = 'delivering' and lease_expires_at >= ${now}
      group by organisation_id
    ),
    open_organisations as (
      select p.organisation_id, ${perOrganisation}::integer - coalesce(b.in_flight, 0) as room,
             count(*) over () as open_count
      from pending_organisations p
      left join organisations_busy b on b.organisation_id = p.organisation_id
      where p.organisation_id is not null and coalesce(b.in_flight, 0) < ${perOrganisation}::integer
    ),
    fronts as (
      select f.*, o.room
      from open_organisations o
      cross join lateral (
        -- Numbered here, in the index's order, so that numbering needs no sort.
        select d.id, d.organisation_id, d.webhook_id, d.call_id, d.sequence, d.next_attempt_at,
               row_number() over (order by d.next_attempt_at, d.id) as turn
        from deliveries d
        where d.organisation_id = o.organisation_id and d.status = 'pending' and d.next_attempt_at <= ${now}
        order by d.next_attempt_at, d.id
        -- An even share of the window (all of it for an organisation alone): what is read stays near
        -- the window however many organisations wait.
        limit greatest(${window}::integer / o.open_count, 8)
      ) f
    ),
    front as (
      select * from fronts order by turn, next_attempt_at, id limit ${window}::integer
    ),
    lanes as (
      select f.id, f.organisation_id, f.room, f.webhook_id, f.next_attempt_at, earlier.blockers, earlier.blocked_until
      from front f
      cross join lateral (
        select count(*) as blockers, min(e.next_attempt_at) as blocked_until
        from deliveries e
        where e.webhook_id = f.webhook_id
          and e.call_id = f.call_id
          and e.sequence < f.sequence
          and e.status in ('pending', 'delivering')
      ) earlier
    ),
    postponed as (
      update deliveries d
      set next_attempt_at = l.blocked_until
      from lanes l
      -- By key: joined as a whole, the planner may read the whole table to find these few rows.
      where d.id = any(array(select id from lanes where blockers > 0))
        and d.id = l.id and l.blocked_until > d.next_attempt_at
      returning d.id
    ),
    candidates as (
      select id, organisation_id, room, webhook_id, next_attempt_at,
             row_number() over (partition by webhook_id order by next_attempt_at, id) as endpoint_rank
      from lanes
      where blockers = 0
    ),
    busy as (
      select webhook_id, count(*) as in_flight
      from deliveries
      where status = 'delivering' and lease_expires_at >= ${now}
        and webhook_id in (select webhook_id from candidates)
      group by webhook_id
    ),
    within_endpoint_caps as (
      select c.id, c.room, c.endpoint_rank, c.next_attempt_at,
             row_number() over (partition by c.organisation_id
                                order by c.endpoint_rank, c.next_attempt_at, c.id) as organisation_rank
      from candidates c
      left join busy b on b.webhook_id = c.webhook_id
      where c.endpoint_rank <= ${perEndpoint}::integer - coalesce(b.in_flight, 0)
    ),
    picked as (
      -- Organisations in turn, and within one its endpoints in turn.
      select id from within_endpoint_caps
      where organisation_rank <= room
      order by organisation_rank, endpoint_rank, next_attempt_at
      limit ${limit}::integer
    ),
    locked as (
      -- The state is checked again here: another worker may have claimed a row since this statement's
      -- snapshot, and FOR UPDATE re-reads the row's newest version before deciding.
      select id from deliveries
      where id in (select id from picked) and status = 'pending' and next_attempt_at <= ${now}
      for update skip locked
    )
    update deliveries d
    set status = 'delivering', lease_expires_at = ${leaseUntil}, leased_by = ${workerId}
    from locked, webhooks w
    where d.id = locked.id and w.id = d.webhook_id
    returning ${ATTEMPT_TARGET_COLUMNS}
  `);
  return rowsOf<ClaimedRow>(result).map(toAttemptTarget);
}

/**
 * What a statement that leases deliveries returns for each, with the delivery as `d` and its endpoint as
 * `w`: everything one attempt needs (toAttemptTarget). The claim and the record's hand-on (record.ts) both
 * return it.
 */
export const ATTEMPT_TARGET_COLUMNS = sql`d.id, d.organisation_id, d.call_id, d.body, d.attempt_count,
  d.manual_attempt_by, d.created_at, w.id as webhook_id, w.url, w.headers, w.secret, w.previous_secret,
  w.previous_secret_expires_at, w.status as webhook_status, w.failing_since`;

export function toAttemptTarget(row: ClaimedRow): AttemptTarget {
  return {
    delivery: {
      id: row.id,
      organisationId: row.organisation_id,
      callId: row.call_id,
      body: row.body,
      attemptCount: row.attempt_count,
      manualAttemptBy: row.manual_attempt_by,
      createdAt: toDate(row.created_at) ?? new Date(0),
    },
    webhook: {
      id: row.webhook_id,
      url: row.url,
      headers: row.headers,
      secret: row.secret,
      previousSecret: row.previous_secret,
      previousSecretExpiresAt: toDate(row.previous_secret_expires_at),
      status: row.webhook_status,
      failingSince: toDate(row.failing_since),
    },
  };
}

/**
 * Refreshes the planner's statistics of the queue. PostgreSQL's autovacuum does this by itself; the
 * embedded database has no autovacuum, and with stale statistics its planner sorts the whole queue
 * instead of reading the front of the index (16 ms instead of 0.5 ms at 5,000 queued).
 */
export async function analyzeDeliveries(db: Queryable): Promise<void> {
  await db.execute(sql`analyze deliveries`);
}

/**
 * Deliveries whose worker died mid-attempt: their lease has run out, so they are due again, for any
 * worker. Returns how many.
 */
export async function reclaimExpiredLeases(db: Queryable, now: Date): Promise<number> {
  const reclaimed = await db
    .update(deliveries)
    .set({ status: 'pending', leaseExpiresAt: null, leasedBy: null, nextAttemptAt: now })
    .where(and(eq(deliveries.status, 'delivering'), lt(deliveries.leaseExpiresAt, now)))
    .returning({ id: deliveries.id });
  return reclaimed.length;
}

export interface ClaimedRow {
  id: string;
  organisation_id: string;
  call_id: string;
  body: string;
  attempt_count: number;
  manual_attempt_by: string | null;
  created_at: Date | string;
  webhook_id: string;
  url: string;
  headers: Record<string, string>;
  secret: string;
  previous_secret: string | null;
  previous_secret_expires_at: Date | string | null;
  webhook_status: WebhookStatus;
  failing_since: Date | string | null;
}

/** Raw rows carry timestamps as Date (node-postgres, PGlite) or, in some setups, as text. */
function toDate(value: Date | string | null): Date | null {
  if (value === null) return null;
  return value instanceof Date ? value : new Date(value);
}

/** A claimed delivery and its endpoint as they are now: what one attempt needs. */
export interface AttemptTarget {
  delivery: {
    id: string;
    organisationId: string;
    callId: string;
    body: string;
    attemptCount: number;
    /** Who pressed Redeliver, when this attempt is theirs (deliveries.manual_attempt_by). */
    manualAttemptBy: string | null;
    /** When the event was accepted: the start of the accepted → 2xx time endpoint health measures. */
    createdAt: Date;
  };
  webhook: {
    id: string;
    url: string;
    headers: Record<string, string>;
    secret: string;
    previousSecret: string | null;
    previousSecretExpiresAt: Date | null;
    status: WebhookStatus;
    failingSince: Date | null;
  };
}

/** Gives leases back (shutdown): the deliveries become due again at once, for this or another worker. */
export async function releaseLeases(db: Queryable, workerId: string, ids: string[], now: Date) {
  if (ids.length === 0) return;
  await db
    .update(deliveries)
    .set({ status: 'pending', leaseExpiresAt: null, leasedBy: null, nextAttemptAt: now })
    .where(
      and(
        inArray(deliveries.id, ids),
        eq(deliveries.leasedBy, workerId),
        eq(deliveries.status, 'delivering'),
      ),
    );
}
