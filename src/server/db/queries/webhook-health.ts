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

/** An attempt as the rollup counts it. */
export interface HealthSample {
  webhookId: string;
  startedAt: Date;
  succeeded: boolean;
  /** For a success: the delivery's accepted → 2xx time. */
  acceptedToSuccessMs: number | null;
}

export interface HealthRollupRow {
  webhookId: string;
  hour: Date;
  succeeded: number;
  failed: number;
  latencyBuckets: number[];
}

/** The bucket of an accepted → 2xx time: the first whose upper bound it does not pass, or the last. */
export function latencyBucket(ms: number): number {
  const index = HEALTH_LATENCY_BUCKETS_MS.findIndex((bound) => ms <= bound);
  return index === -1 ? HEALTH_BUCKET_COUNT - 1 : index;
}

/**
 * A batch of attempts as rollup rows: one per (endpoint, UTC hour the attempt started), in key order.
 * Grouped here because one statement may not update a row twice, and in order so that workers
 * recording at once lock the rows in the same order.
 */
export function healthRollupRows(samples: readonly HealthSample[]): HealthRollupRow[] {
  const rows = new Map<string, HealthRollupRow>();
  for (const sample of samples) {
    const hour = hourOf(sample.startedAt);
    const key = `${sample.webhookId}|${String(hour).padStart(16, '0')}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        webhookId: sample.webhookId,
        hour: new Date(hour),
        succeeded: 0,
        failed: 0,
        latencyBuckets: Array.from({ length: HEALTH_BUCKET_COUNT }, () => 0),
      };
      rows.set(key, row);
    }
    if (!sample.succeeded) row.failed++;
    else {
      row.succeeded++;
      if (sample.acceptedToSuccessMs !== null) {
        const bucket = latencyBucket(sample.acceptedToSuccessMs);
        row.latencyBuckets[bucket] = (row.latencyBuckets[bucket] ?? 0) + 1;
      }
    }
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/**
 * The upsert that adds rollup rows, for use as a CTE of the statement that records the attempts: a few
 * rows per batch (its endpoints and hours), counted in the worker, so the statement reads nothing more.
 */
export function healthRollupUpsert(rows: readonly HealthRollupRow[]): SQL {
  const values = rows.map(
    (row) =>
      sql`(${row.webhookId}::uuid, ${row.hour}::timestamptz, ${row.succeeded}::integer, ${row.failed}::integer,
           ${`{${row.latencyBuckets.join(',')}}`}::integer[])`,
  );
  return sql`
    insert into webhook_health_hourly as h (webhook_id, hour, succeeded, failed, latency_buckets)
    values ${sql.join(values, sql`, `)}
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
