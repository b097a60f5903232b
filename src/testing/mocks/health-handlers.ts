/**
 * `GET /webhooks/{id}/health`, worked out from the mock's attempts the way the server's hourly rollup
 * keeps it: per hour, attempts that got a 2xx and attempts that did not (one-off attempts to another
 * URL are not the endpoint's); per window, the success rate and the accepted → 2xx percentiles read
 * from the shared latency buckets (each value is its bucket's upper bound).
 */
import { http } from 'msw';
import {
  HEALTH_LATENCY_BUCKETS_MS,
  WebhookHealthSchema,
  type HealthWindow,
  type WebhookHealth,
} from '@contract/webhook-health';
import { answer } from './mock-answer';
import { API, withWebhook } from './mock-api';
import { advanceDeliveries } from './mock-deliveries';
import { db, mockNow, type WebhookRecord } from './mock-db';

const HOUR = 3_600_000;

function bucketOf(ms: number): number {
  return HEALTH_LATENCY_BUCKETS_MS.find((bound) => ms <= bound) ?? Infinity;
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const value = sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)] ?? 0;
  const bucket = bucketOf(value);
  return Number.isFinite(bucket) ? bucket : (HEALTH_LATENCY_BUCKETS_MS.at(-1) ?? value);
}

function window(webhook: WebhookRecord, sinceMs: number): HealthWindow {
  let attempts = 0;
  let succeeded = 0;
  const latencies: number[] = [];
  for (const delivery of db.deliveries) {
    if (delivery.webhookId !== webhook.id) continue;
    for (const attempt of delivery.attempts) {
      if (attempt.kind === 'redelivery_to_url' || Date.parse(attempt.startedAt) < sinceMs) continue;
      attempts += 1;
      if (attempt.error === null) {
        succeeded += 1;
        latencies.push(
          Date.parse(attempt.startedAt) + attempt.durationMs - Date.parse(delivery.createdAt),
        );
      }
    }
  }
  latencies.sort((a, b) => a - b);
  return {
    attempts,
    succeeded,
    successRate: attempts === 0 ? null : succeeded / attempts,
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
  };
}

export function webhookHealth(webhook: WebhookRecord, now = mockNow()): WebhookHealth {
  const currentHour = Math.floor(now / HOUR) * HOUR;
  const first = currentHour - 167 * HOUR;
  const hourly = Array.from({ length: 168 }, (_, index) => ({
    hour: new Date(first + index * HOUR).toISOString(),
    succeeded: 0,
    failed: 0,
  }));
  for (const delivery of db.deliveries) {
    if (delivery.webhookId !== webhook.id) continue;
    for (const attempt of delivery.attempts) {
      if (attempt.kind === 'redelivery_to_url') continue;
      const index = Math.floor((Date.parse(attempt.startedAt) - first) / HOUR);
      const point = hourly[index];
      if (!point) continue;
      if (attempt.error === null) point.succeeded += 1;
      else point.failed += 1;
    }
  }
  return {
    last24h: window(webhook, now - 24 * HOUR),
    last7d: window(webhook, now - 7 * 24 * HOUR),
    hourly,
  };
}

export const healthHandlers = [
  http.get(`${API}/webhooks/:id/health`, ({ params }) =>
    withWebhook(params, 'signedIn', (webhook) => {
      advanceDeliveries();
      return answer(WebhookHealthSchema, webhookHealth(webhook));
    }),
  ),
];
