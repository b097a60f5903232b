/**
 * What the bulk-retry tests share: finished failed deliveries to seed, and the job routes driven as a
 * user would. Both the route tests (http/routes/retry-jobs) and the runner's (delivery/) use them.
 */
import { expect } from 'vitest';
import { RetryJobSchema, type RetryJob } from '@contract/retry-jobs';
import { newDeliveryId } from '../db/ids';
import { insertDeliveries, type NewDelivery } from '../outbox/enqueue';
import type { DeliveryHarness } from './delivery-harness';

const HOUR = 3_600_000;

export const retryJobsPath = (webhookId: string) => `/api/v1/webhooks/${webhookId}/retry-jobs`;

export interface SeedFailedOptions {
  /** When the first one was created (default an hour ago); the rest follow a millisecond apart. */
  from?: Date;
  organisationId?: string;
  status?: NewDelivery['status'];
  /**
   * Attempts already made (default 4, every attempt of the test schedule spent: re-queued, each gets
   * exactly one attempt, so counting attempts counts re-queues). 1 leaves room for retries.
   */
  attemptCount?: number;
}

/** Finished deliveries to the endpoint, failed by default, each in a call of its own. */
export async function seedFailedDeliveries(
  h: DeliveryHarness,
  webhookId: string,
  count: number,
  options: SeedFailedOptions = {},
): Promise<string[]> {
  const from = options.from ?? new Date(Date.now() - HOUR);
  const rows: NewDelivery[] = Array.from({ length: count }, (_, i) => {
    const createdAt = new Date(from.getTime() + i);
    const id = newDeliveryId(createdAt.getTime());
    return {
      id,
      organisationId: options.organisationId ?? h.org.id,
      webhookId,
      eventId: null,
      agentId: null,
      callId: `call_${id.slice(-10).toLowerCase()}`,
      eventType: 'pre-conversation',
      sequence: 0,
      body: JSON.stringify({ id }),
      status: options.status ?? 'failed',
      attemptCount: options.attemptCount ?? 4,
      lastError: 'http_status: Answered 500',
      lastErrorCategory: 'http_status',
      nextAttemptAt: null,
      createdAt,
      completedAt: new Date(createdAt.getTime() + 60_000),
    };
  });
  for (let i = 0; i < rows.length; i += 500)
    await insertDeliveries(h.ctx.db, rows.slice(i, i + 500));
  return rows.map((r) => r.id);
}

/** Starts a job as `as` (the organisation's admin by default), expecting it to be created. */
export async function startRetryJob(
  h: DeliveryHarness,
  webhookId: string,
  since: Date,
  as = h.org.users.admin,
): Promise<RetryJob> {
  const response = await h.ctx.request('POST', retryJobsPath(webhookId), {
    as,
    body: { since: since.toISOString() },
  });
  expect(response.status).toBe(201);
  return RetryJobSchema.parse(response.body);
}

export async function readRetryJob(
  h: DeliveryHarness,
  webhookId: string,
  id: string,
): Promise<RetryJob> {
  return RetryJobSchema.parse(
    (await h.ctx.request('GET', `${retryJobsPath(webhookId)}/${id}`, { as: h.org.users.admin }))
      .body,
  );
}
