/**
 * Endpoint health by hour (webhook_health_hourly): written by the attempt recorder in the statement that
 * stores the attempts, read by the endpoint page. Reading never scans delivery history: 168 rows at most.
 */
import { and, asc, eq, gte, sql, type SQL } from 'drizzle-orm';
import {
  HEALTH_LATENCY_BUCKETS_MS,
  type HealthWindow,
  type WebhookHealth,
} from '@contract/webhook-health';
import type { Queryable } from '../database';
import { webhookHealthHourly, webhooks } from '../schema';

const HOUR_MS = 3_600_000;
export const HEALTH_HOURS = 7 * 24;
/** One count per bound, and one for everything slower than the last. */
export const HEALTH_BUCKET_COUNT = HEALTH_LATENCY_BUCKETS_MS.length + 1;

/**
 * `case when ms <= 10 then 0 when ms <= 25 then 1 … else 16 end`: the bucket of an accepted → 2xx time,
 * the first whose upper bound it does not pass (bounds are inclusive), or the open-ended last one. The
 * bounds are the contract's constants, so they are written into the statement.
 */
const bucketCase = (ms: string) =>
  sql.raw(
    `case ${HEALTH_LATENCY_BUCKETS_MS.map((bound, i) => `when ${ms} <= ${bound} then ${i}`).join(' ')} else ${HEALTH_BUCKET_COUNT - 1} end`,
  );

const bucketCounts = (bucket: string) =>
  sql.raw(
    `array[${Array.from({ length: HEALTH_BUCKET_COUNT }, (_, i) => `count(*) filter (where ${bucket} = ${i})`).join(', ')}]::integer[]`,
  );

/**
 * The upsert that adds a batch of recorded attempts to the rollup, for use as a CTE of the statement
 * that stores them. `attempts` names a relation with the columns `id` (the delivery), `kind`,
 * `started_at`, `status` (the delivery's new status) and `completed_at`.
 *
 * Attempts count in the hour they started (UTC hours, whatever the session's time zone); one that got a
 * 2xx adds its delivery's accepted → 2xx time to the histogram. One-off attempts to another URL say
 * nothing about the endpoint and are left out. Rows are grouped here, because one statement may not
 * update a row twice, and written in key order, so that workers recording at once lock them in the same
 * order.
 */
export function healthRollupUpsert(attempts: SQL): SQL {
  return sql`
    insert into webhook_health_hourly as h (webhook_id, hour, succeeded, failed, latency_buckets)
    select d.webhook_id,
           date_bin('1 hour', a.started_at, timestamptz '2000-01-01 00:00:00+00') as hour,
           count(*) filter (where a.status = 'succeeded'),
           count(*) filter (where a.status <> 'succeeded'),
           ${bucketCounts('t.bucket')}
    from ${attempts} a
    join deliveries d on d.id = a.id
    cross join lateral (
      select case when a.status = 'succeeded'
                  then ${bucketCase('extract(epoch from (a.completed_at - d.created_at)) * 1000')} end as bucket
    ) t
    where a.kind <> 'redelivery_to_url'
    group by 1, 2
    order by 1, 2
    on conflict (webhook_id, hour) do update
    set succeeded = h.succeeded + excluded.succeeded,
        failed = h.failed + excluded.failed,
        latency_buckets = array(
          select coalesce(x, 0) + coalesce(y, 0)
          from unnest(h.latency_buckets, excluded.latency_buckets) with ordinality as s(x, y, i)
          order by i
        )
    returning 1
  `;
}

export interface HealthHour {
  hour: Date;
  succeeded: number;
  failed: number;
  latencyBuckets: number[];
}

/** The endpoint's rows of the last 7 days (the current hour included), oldest first. */
export async function listHealthHours(
  db: Queryable,
  organisationId: string,
  webhookId: string,
  now: Date,
): Promise<HealthHour[]> {
  return db
    .select({
      hour: webhookHealthHourly.hour,
      succeeded: webhookHealthHourly.succeeded,
      failed: webhookHealthHourly.failed,
      latencyBuckets: webhookHealthHourly.latencyBuckets,
    })
    .from(webhookHealthHourly)
    .innerJoin(webhooks, eq(webhooks.id, webhookHealthHourly.webhookId))
    .where(
      and(
        eq(webhooks.organisationId, organisationId),
        eq(webhookHealthHourly.webhookId, webhookId),
        gte(webhookHealthHourly.hour, firstHourShown(now)),
      ),
    )
    .orderBy(asc(webhookHealthHourly.hour));
}

function hourOf(at: Date): number {
  return Math.floor(at.getTime() / HOUR_MS) * HOUR_MS;
}

function firstHourShown(now: Date): Date {
  return new Date(hourOf(now) - (HEALTH_HOURS - 1) * HOUR_MS);
}

/**
 * The upper bound of the bucket that holds the `p`-th share of the successes: the rollup cannot say
 * more. The open-ended last bucket answers the last bound (the time is at least that).
 */
export function percentileFromBuckets(buckets: readonly number[], p: number): number | null {
  const total = buckets.reduce((sum, n) => sum + n, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const [i, n] of buckets.entries()) {
    seen += n;
    if (seen >= rank) return HEALTH_LATENCY_BUCKETS_MS[i] ?? HEALTH_LATENCY_BUCKETS_MS.at(-1) ?? 0;
  }
  return HEALTH_LATENCY_BUCKETS_MS.at(-1) ?? 0;
}

function windowOf(hours: readonly HealthHour[]): HealthWindow {
  const buckets = Array.from({ length: HEALTH_BUCKET_COUNT }, () => 0);
  let succeeded = 0;
  let failed = 0;
  for (const hour of hours) {
    succeeded += hour.succeeded;
    failed += hour.failed;
    hour.latencyBuckets.forEach((n, i) => {
      if (i < buckets.length) buckets[i] = (buckets[i] ?? 0) + n;
    });
  }
  const attempts = succeeded + failed;
  return {
    attempts,
    succeeded,
    successRate: attempts === 0 ? null : succeeded / attempts,
    p50Ms: percentileFromBuckets(buckets, 0.5),
    p95Ms: percentileFromBuckets(buckets, 0.95),
  };
}

/** Rollup rows → the answer: every hour of the last 7 days, oldest first, zeros where nothing happened. */
export function toWebhookHealth(rows: readonly HealthHour[], now: Date): WebhookHealth {
  const byHour = new Map(rows.map((row) => [row.hour.getTime(), row]));
  const first = firstHourShown(now).getTime();
  const hours = Array.from({ length: HEALTH_HOURS }, (_, i): HealthHour => {
    const hour = first + i * HOUR_MS;
    return (
      byHour.get(hour) ?? { hour: new Date(hour), succeeded: 0, failed: 0, latencyBuckets: [] }
    );
  });
  return {
    last24h: windowOf(hours.slice(-24)),
    last7d: windowOf(hours),
    hourly: hours.map((h) => ({
      hour: h.hour.toISOString(),
      succeeded: h.succeeded,
      failed: h.failed,
    })),
  };
}
