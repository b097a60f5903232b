/**
 * Bulk retry of an endpoint's failed deliveries, as the server does it: the count first (preview),
 * then a job that re-queues them a few at a time (RETRY_JOB_STEP_MS of mock clock each), reports its
 * progress and can be cancelled. Admins only for the changes; every role may read.
 */
import { http } from 'msw';
import { notFoundMessage, RETRY_JOB_REFUSALS } from '@contract/api-messages';
import { IdSchema } from '@contract/common';
import {
  RetryJobListSchema,
  RetryJobPreviewSchema,
  RetryJobRequestSchema,
  RetryJobSchema,
  type RetryJob,
} from '@contract/retry-jobs';
import { answer } from './mock-answer';
import { API, apiError, invalidFields, validationFailed, withWebhook } from './mock-api';
import { advanceDeliveries } from './mock-deliveries';
import { db, mockNow, nextMockId, type RetryJobRecord, type WebhookRecord } from './mock-db';
import { publishLiveChanges } from './mock-live';

/** The deliveries of an endpoint that failed at or after `since`, oldest first (as the server). */
function failedSince(webhook: WebhookRecord, since: string) {
  return db.deliveries
    .filter(
      (d) =>
        d.webhookId === webhook.id &&
        d.status === 'failed' &&
        d.completedAt !== null &&
        Date.parse(d.completedAt) >= Date.parse(since),
    )
    .sort((a, b) => a.id.localeCompare(b.id));
}

function toRetryJob(job: RetryJobRecord): RetryJob {
  return {
    id: job.id,
    webhookId: job.webhookId,
    since: job.since,
    status: job.status,
    total: job.deliveryIds.length,
    requeued: job.requeued,
    createdAt: job.createdAt,
    createdBy: job.createdBy,
    finishedAt: job.finishedAt,
  };
}

function findJob(webhook: WebhookRecord, jobId: unknown) {
  const id = IdSchema.safeParse(jobId);
  if (!id.success) {
    return invalidFields({ jobId: 'Must be a valid id' });
  }
  const job = db.retryJobs.find((j) => j.id === id.data && j.webhookId === webhook.id);
  return job ?? apiError(404, 'not_found', notFoundMessage('Retry job'));
}

export const retryJobHandlers = [
  http.get(`${API}/webhooks/:id/retry-jobs/preview`, ({ params, request }) =>
    withWebhook(params, 'signedIn', (webhook) => {
      const parsed = RetryJobRequestSchema.safeParse(
        Object.fromEntries(new URL(request.url).searchParams),
      );
      if (!parsed.success) return validationFailed(parsed.error.issues);
      advanceDeliveries();
      return answer(RetryJobPreviewSchema, {
        count: failedSince(webhook, parsed.data.since).length,
      });
    }),
  ),

  http.get(`${API}/webhooks/:id/retry-jobs`, ({ params }) =>
    withWebhook(params, 'signedIn', (webhook) => {
      advanceDeliveries();
      const items = db.retryJobs
        .filter((j) => j.webhookId === webhook.id)
        .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
        .slice(0, 20)
        .map(toRetryJob);
      return answer(RetryJobListSchema, { items });
    }),
  ),

  http.post(`${API}/webhooks/:id/retry-jobs`, ({ params, request }) =>
    withWebhook(
      params,
      'admin',
      (webhook, user, body) => {
        advanceDeliveries();
        if (webhook.status === 'disabled') {
          return apiError(409, 'conflict', RETRY_JOB_REFUSALS.endpointDisabled);
        }
        if (db.retryJobs.some((j) => j.webhookId === webhook.id && j.status === 'running')) {
          return apiError(409, 'conflict', RETRY_JOB_REFUSALS.alreadyRunning);
        }
        const job: RetryJobRecord = {
          id: nextMockId(),
          webhookId: webhook.id,
          since: body.since,
          status: 'running',
          deliveryIds: failedSince(webhook, body.since).map((d) => d.id),
          requeued: 0,
          createdAt: new Date(mockNow()).toISOString(),
          createdBy: user.name,
          finishedAt: null,
        };
        db.retryJobs.push(job);
        publishLiveChanges();
        return answer(RetryJobSchema, toRetryJob(job), 201);
      },
      { request, schema: RetryJobRequestSchema },
    ),
  ),

  http.get(`${API}/webhooks/:id/retry-jobs/:jobId`, ({ params }) =>
    withWebhook(params, 'signedIn', (webhook) => {
      advanceDeliveries();
      const job = findJob(webhook, params.jobId);
      return job instanceof Response ? job : answer(RetryJobSchema, toRetryJob(job));
    }),
  ),

  http.post(`${API}/webhooks/:id/retry-jobs/:jobId/cancel`, ({ params }) =>
    withWebhook(params, 'admin', (webhook) => {
      advanceDeliveries();
      const job = findJob(webhook, params.jobId);
      if (job instanceof Response) return job;
      if (job.status !== 'running') {
        return apiError(
          409,
          'conflict',
          job.status === 'completed'
            ? RETRY_JOB_REFUSALS.alreadyFinished
            : RETRY_JOB_REFUSALS.alreadyCancelled,
        );
      }
      job.status = 'cancelled';
      job.finishedAt = new Date(mockNow()).toISOString();
      publishLiveChanges();
      return answer(RetryJobSchema, toRetryJob(job));
    }),
  ),
];
