/**
 * Bulk retry: "retry every failed delivery of this endpoint since T". The count comes first (so that an
 * admin knows what they are about to send), then a durable job that survives a restart, reports its
 * progress and can be cancelled; it re-queues deliveries gradually so live traffic keeps flowing.
 */
import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';
import { answerString } from './text';

/** `GET /webhooks/{id}/retry-jobs/preview?since=…` and the body of `POST /webhooks/{id}/retry-jobs`. */
export const RetryJobRequestSchema = z.strictObject({
  /** Deliveries that failed (finally) at or after this instant. */
  since: TimestampSchema,
});
export type RetryJobRequest = z.infer<typeof RetryJobRequestSchema>;

export const RetryJobPreviewSchema = z.object({
  /** How many failed deliveries a job started now would retry. */
  count: z.int().min(0),
});
export type RetryJobPreview = z.infer<typeof RetryJobPreviewSchema>;

export const RETRY_JOB_STATUSES = ['running', 'completed', 'cancelled'] as const;
export const RetryJobStatusSchema = z.enum(RETRY_JOB_STATUSES);
export type RetryJobStatus = z.infer<typeof RetryJobStatusSchema>;

export const RetryJobSchema = z.object({
  id: IdSchema,
  webhookId: IdSchema,
  since: TimestampSchema,
  status: RetryJobStatusSchema,
  /** Failed deliveries the job found when it was created. */
  total: z.int().min(0),
  /** Of those, how many have been queued again so far. */
  requeued: z.int().min(0),
  createdAt: TimestampSchema,
  /** The admin who started it (their name). */
  createdBy: answerString().nullable(),
  finishedAt: TimestampSchema.nullable(),
});
export type RetryJob = z.infer<typeof RetryJobSchema>;

/** `GET /webhooks/{id}/retry-jobs`: the endpoint's jobs, newest first (the last 20). */
export const RetryJobListSchema = z.object({ items: z.array(RetryJobSchema) });
export type RetryJobList = z.infer<typeof RetryJobListSchema>;

export const RetryJobParamsSchema = z.object({ id: IdSchema, jobId: IdSchema });
