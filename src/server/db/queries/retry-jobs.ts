/**
 * Bulk retry jobs: "retry every failed delivery of this endpoint since T", kept in retry_jobs so that it
 * survives restarts. The API creates, lists and cancels them; a runner in a worker process takes a
 * running job under a lease and re-queues its deliveries a small batch at a time, saving its keyset
 * position (created_at, id) with each batch.
 *
 * A job's deliveries are the endpoint's deliveries that failed at or after `since` and before the job
 * was created (since ≤ completed_at ≤ the job's created_at): "failed since" as the page says, so the
 * delivery whose failure began an outage is included although it was created a moment before it. So
 * `total` is what the admin was shown, a delivery that fails again after the job re-queued it is not
 * taken twice (it completed after the job began, and lies behind the cursor besides), and failures that
 * come later are not the job's. The job walks them in (created_at, id) order, the endpoint's failures
 * index: within the retention, an endpoint's failures are few enough to filter by completion time.
 */
import { and, desc, eq, sql } from 'drizzle-orm';
import type { Queryable } from '../database';
import { rowsOf } from '../database';
import type { WebhookStatus } from '@contract/webhooks';
import { retryJobs, webhooks } from '../schema';

export type RetryJobRow = typeof retryJobs.$inferSelect;

/** The jobs an endpoint's page lists. */
export const RETRY_JOBS_LISTED = 20;

/**
 * Failed deliveries of the endpoint that failed at or after `since`: what a job started now would retry
 * (counted as insertRetryJob counts its total).
 */
export async function countFailedSince(
  db: Queryable,
  organisationId: string,
  webhookId: string,
  since: Date,
  now: Date,
): Promise<number> {
  const result = await db.execute(sql`
    select count(*)::integer as count
    from deliveries
    where organisation_id = ${organisationId} and webhook_id = ${webhookId}
      and status = 'failed' and completed_at >= ${since} and completed_at <= ${now}
  `);
  return rowsOf<{ count: number }>(result)[0]?.count ?? 0;
}

/**
 * The endpoint's status, its row locked until the transaction ends: starting a job holds it, so that
 * two admins starting one at once start one, and a disable in the same instant waits.
 */
export async function lockEndpointForRetryJob(
  db: Queryable,
  organisationId: string,
  webhookId: string,
): Promise<{ id: string; status: WebhookStatus } | undefined> {
  const [row] = await db
    .select({ id: webhooks.id, status: webhooks.status })
    .from(webhooks)
    .where(and(eq(webhooks.organisationId, organisationId), eq(webhooks.id, webhookId)))
    .for('update');
  return row;
}

/** The running job of an endpoint, if any. */
export async function findRunningRetryJob(
  db: Queryable,
  organisationId: string,
  webhookId: string,
): Promise<RetryJobRow | undefined> {
  const [row] = await db
    .select()
    .from(retryJobs)
    .where(
      and(
        eq(retryJobs.organisationId, organisationId),
        eq(retryJobs.webhookId, webhookId),
        eq(retryJobs.status, 'running'),
      ),
    )
    .limit(1);
  return row;
}

/** Creates a running job whose `total` is counted in the same statement. */
export async function insertRetryJob(
  db: Queryable,
  job: { organisationId: string; webhookId: string; since: Date; createdBy: string; now: Date },
): Promise<RetryJobRow> {
  const id = crypto.randomUUID();
  await db.execute(sql`
    insert into retry_jobs (id, organisation_id, webhook_id, since, status, total, requeued, created_by, created_at)
    select ${id}::uuid, ${job.organisationId}::uuid, ${job.webhookId}::uuid, ${job.since}::timestamptz,
           'running', count(*), 0, ${job.createdBy}::text, ${job.now}::timestamptz
    from deliveries
    where organisation_id = ${job.organisationId} and webhook_id = ${job.webhookId}
      and status = 'failed' and completed_at >= ${job.since} and completed_at <= ${job.now}
  `);
  const row = await findRetryJob(db, job.organisationId, job.webhookId, id);
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function listRetryJobs(
  db: Queryable,
  organisationId: string,
  webhookId: string,
): Promise<RetryJobRow[]> {
  return db
    .select()
    .from(retryJobs)
    .where(and(eq(retryJobs.organisationId, organisationId), eq(retryJobs.webhookId, webhookId)))
    .orderBy(desc(retryJobs.createdAt), desc(retryJobs.id))
    .limit(RETRY_JOBS_LISTED);
}

export async function findRetryJob(
  db: Queryable,
  organisationId: string,
  webhookId: string,
  id: string,
): Promise<RetryJobRow | undefined> {
  const [row] = await db
    .select()
    .from(retryJobs)
    .where(
      and(
        eq(retryJobs.organisationId, organisationId),
        eq(retryJobs.webhookId, webhookId),
        eq(retryJobs.id, id),
      ),
    );
  return row;
}

/**
 * Cancels a running job; undefined when it is not running (finished, or not there). A runner in the
 * middle of a batch holds the job's row: this waits for that batch, and the runner takes no other.
 */
export async function cancelRetryJob(
  db: Queryable,
  organisationId: string,
  webhookId: string,
  id: string,
  now: Date,
): Promise<RetryJobRow | undefined> {
  const [row] = await db
    .update(retryJobs)
    .set({ status: 'cancelled', finishedAt: now, leasedBy: null, leaseExpiresAt: null })
    .where(
      and(
        eq(retryJobs.organisationId, organisationId),
        eq(retryJobs.webhookId, webhookId),
        eq(retryJobs.id, id),
        eq(retryJobs.status, 'running'),
      ),
    )
    .returning();
  return row;
}

// ---- The runner's side ----

export interface LeasedRetryJob {
  id: string;
  organisationId: string;
  webhookId: string;
}

/**
 * Takes (or keeps) up to `limit` running jobs for this runner: its own, unleased ones, and those whose
 * runner's lease ran out (it died). Jobs another runner holds, or is working on right now, are skipped.
 * Taking a job again renews its lease, so a runner that keeps working keeps its jobs.
 */
export async function leaseRetryJobs(
  db: Queryable,
  options: { runnerId: string; now: Date; leaseMs: number; limit: number },
): Promise<LeasedRetryJob[]> {
  const { runnerId, now, limit } = options;
  const until = new Date(now.getTime() + options.leaseMs);
  const result = await db.execute(sql`
    update retry_jobs
    set leased_by = ${runnerId}, lease_expires_at = ${until}
    where id in (
      select id from retry_jobs
      where status = 'running'
        and (leased_by = ${runnerId} or leased_by is null or lease_expires_at < ${now})
      order by created_at
      limit ${limit}::integer
      for update skip locked
    )
    returning id, organisation_id, webhook_id
  `);
  return rowsOf<{ id: string; organisation_id: string; webhook_id: string }>(result).map((r) => ({
    id: r.id,
    organisationId: r.organisation_id,
    webhookId: r.webhook_id,
  }));
}

/** Gives back a runner's leases (shutdown), so that another runner resumes its jobs at once. */
export async function releaseRetryJobs(db: Queryable, runnerId: string): Promise<void> {
  await db
    .update(retryJobs)
    .set({ leasedBy: null, leaseExpiresAt: null })
    .where(and(eq(retryJobs.leasedBy, runnerId), eq(retryJobs.status, 'running')));
}

/** The job's row, locked for this transaction, if it is still running under this runner's lease. */
export async function lockLeasedRetryJob(
  db: Queryable,
  id: string,
  runnerId: string,
): Promise<RetryJobRow | undefined> {
  const [row] = await db
    .select()
    .from(retryJobs)
    .where(
      and(eq(retryJobs.id, id), eq(retryJobs.status, 'running'), eq(retryJobs.leasedBy, runnerId)),
    )
    .for('update');
  return row;
}

/**
 * How many of the endpoint's deliveries are due and waiting, counting no further than `atMost`: the
 * runner's measure of whether the endpoint's queue is short enough for another batch. Read through the
 * per-organisation index of pending deliveries, so it costs what that organisation's due queue holds.
 */
export async function countDueForEndpoint(
  db: Queryable,
  job: LeasedRetryJob,
  now: Date,
  atMost: number,
): Promise<number> {
  const result = await db.execute(sql`
    select count(*)::integer as count from (
      select 1 from deliveries
      where organisation_id = ${job.organisationId} and status = 'pending'
        and next_attempt_at <= ${now} and webhook_id = ${job.webhookId}
      limit ${atMost}::integer
    ) due
  `);
  return rowsOf<{ count: number }>(result)[0]?.count ?? 0;
}

export interface RequeuedDelivery {
  id: string;
  callId: string;
}

/**
 * Re-queues the job's next `limit` failed deliveries after its cursor, in (created_at, id) order: due
 * now, keeping their ids (the receiver's webhook-id) and their history. In the same statement, moves
 * the cursor to the last of them and adds them to `requeued`. Call with the job's row locked
 * (lockLeasedRetryJob); an empty answer means nothing is left.
 */
export async function requeueNextBatch(
  db: Queryable,
  job: RetryJobRow,
  limit: number,
  now: Date,
): Promise<RequeuedDelivery[]> {
  const after =
    job.cursorCreatedAt && job.cursorId
      ? sql`and (d.created_at, d.id) > (${job.cursorCreatedAt}::timestamptz, ${job.cursorId}::text)`
      : sql``;
  // The cursor is read from the rows, not from the job's Date: created_at has microseconds, and a
  // position rounded to milliseconds could skip or repeat a row.
  const result = await db.execute(sql`
    with picked as (
      select d.id from deliveries d
      where d.organisation_id = ${job.organisationId} and d.webhook_id = ${job.webhookId}
        and d.status = 'failed' and d.completed_at >= ${job.since} and d.completed_at <= ${job.createdAt}
        ${after}
      order by d.created_at, d.id
      limit ${limit}::integer
      for update
    ),
    requeued as (
      update deliveries d
      set status = 'pending', next_attempt_at = ${now}, completed_at = null
      from picked
      where d.id = picked.id
      returning d.id, d.call_id, d.created_at
    ),
    last as (
      select id, created_at from requeued order by created_at desc, id desc limit 1
    ),
    moved as (
      update retry_jobs j
      set cursor_created_at = last.created_at, cursor_id = last.id,
          requeued = j.requeued + (select count(*) from requeued)
      from last
      where j.id = ${job.id}
      returning 1
    )
    select id, call_id from requeued
  `);
  return rowsOf<{ id: string; call_id: string }>(result).map((r) => ({
    id: r.id,
    callId: r.call_id,
  }));
}

export async function completeRetryJob(db: Queryable, id: string, now: Date): Promise<void> {
  await db
    .update(retryJobs)
    .set({ status: 'completed', finishedAt: now, leasedBy: null, leaseExpiresAt: null })
    .where(and(eq(retryJobs.id, id), eq(retryJobs.status, 'running')));
}
