/**
 * An endpoint's health, answered from an hourly rollup kept as attempts are recorded (never by scanning
 * delivery history): the share of attempts that got a 2xx, and how long deliveries took from the event
 * being accepted to the receiver's 2xx (retries included), over the last 24 hours and 7 days.
 */
import { z } from 'zod';
import { TimestampSchema } from './common';

export const HealthWindowSchema = z.object({
  attempts: z.int().min(0),
  succeeded: z.int().min(0),
  /** succeeded / attempts, 0..1; null when there were no attempts. */
  successRate: z.number().min(0).max(1).nullable(),
  /** Accepted → 2xx, in milliseconds, from the rollup's histogram (bucket upper bounds); null without a success. */
  p50Ms: z.number().nonnegative().nullable(),
  p95Ms: z.number().nonnegative().nullable(),
});
export type HealthWindow = z.infer<typeof HealthWindowSchema>;

export const WebhookHealthSchema = z.object({
  last24h: HealthWindowSchema,
  last7d: HealthWindowSchema,
  /** One point per hour for the last 7 days, oldest first; hours without attempts are included as zeros. */
  hourly: z.array(
    z.object({ hour: TimestampSchema, succeeded: z.int().min(0), failed: z.int().min(0) }),
  ),
});
export type WebhookHealth = z.infer<typeof WebhookHealthSchema>;

/**
 * Upper bounds (ms) of the rollup's latency buckets; the last bucket holds everything slower. Shared so
 * that a percentile read from the rollup means the same everywhere.
 */
export const HEALTH_LATENCY_BUCKETS_MS = [
  10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000, 1_800_000,
  7_200_000, 36_000_000,
] as const;
