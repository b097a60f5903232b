/**
 * Deliveries: one per (event, endpoint), with every attempt kept. What the inspector, the endpoint's
 * deliveries table and the Webhook tab's test call show.
 */
import { z } from 'zod';
import { CallIdSchema } from './call-events';
import { IdSchema, TimestampSchema } from './common';
import { EventTypeSchema } from './event-types';
import { answerRecord, answerString, text } from './text';
import { WebhookUrlSchema } from './webhooks';

export const DELIVERY_STATUSES = [
  'pending',
  'delivering',
  'succeeded',
  'failed',
  'skipped',
] as const;
export const DeliveryStatusSchema = z.enum(DELIVERY_STATUSES);
export type DeliveryStatus = z.infer<typeof DeliveryStatusSchema>;

/** Why an attempt failed, as a receiver's owner would want to filter it. */
export const FAILURE_CATEGORIES = [
  'dns',
  'connect',
  'tls',
  'timeout',
  'http_status',
  'redirect',
  'blocked',
  'endpoint_disabled',
] as const;
export const FailureCategorySchema = z.enum(FAILURE_CATEGORIES);
export type FailureCategory = z.infer<typeof FailureCategorySchema>;

/** `msg_` and 26 Crockford base32 characters, sortable by creation time (a ULID). */
export const DeliveryIdSchema = text().regex(
  /^msg_[0-9A-HJKMNP-TV-Z]{26}$/,
  'Must be a delivery id (msg_…)',
);

const HeadersSchema = answerRecord(answerString());

/**
 * Why an attempt was made: the retry schedule, a person's Redeliver (the delivery's own next attempt),
 * or a person's one-off Redeliver to another URL (a staging server, a tunnel), which changes neither the
 * endpoint nor the delivery's status.
 */
export const ATTEMPT_KINDS = ['scheduled', 'redelivery', 'redelivery_to_url'] as const;
export const AttemptKindSchema = z.enum(ATTEMPT_KINDS);
export type AttemptKind = z.infer<typeof AttemptKindSchema>;

export const DeliveryAttemptSchema = z.object({
  number: z.int().min(1),
  kind: AttemptKindSchema,
  /** Who asked for a manual attempt (their name); null for scheduled ones. */
  requestedBy: answerString().nullable(),
  startedAt: TimestampSchema,
  /** From the start of the attempt to its end (the whole response read, or the failure). */
  durationMs: z.number().nonnegative(),
  /** From the start of the attempt to the response's status line and headers; null without a response. */
  headersMs: z.number().nonnegative().nullable(),
  request: z.object({ url: answerString(), headers: HeadersSchema }),
  response: z
    .object({
      status: z.int(),
      headers: HeadersSchema,
      /** As text, or — when the receiver's bytes are not text that can be stored — base64 of them. */
      body: answerString(),
      bodyEncoding: z.enum(['utf8', 'base64']),
      /** The body was longer than the 64 KiB we keep. */
      bodyTruncated: z.boolean(),
    })
    .nullable(),
  /** Null when the receiver answered 2xx. */
  error: z.object({ category: FailureCategorySchema, message: answerString() }).nullable(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttemptSchema>;

export const DeliverySummarySchema = z.object({
  id: DeliveryIdSchema,
  webhookId: IdSchema,
  webhookUrl: answerString(),
  /** Null for test events sent from an endpoint's page. */
  agentId: IdSchema.nullable(),
  agentName: answerString().nullable(),
  callId: answerString(),
  eventType: EventTypeSchema,
  /** `<agentId>.<eventType>`, as in the delivered body. */
  event: answerString(),
  status: DeliveryStatusSchema,
  attemptCount: z.int().min(0),
  /** The last attempt's HTTP status and duration, if any attempt got that far. */
  responseStatus: z.int().nullable(),
  latencyMs: z.number().nullable(),
  lastError: answerString().nullable(),
  /** Why the last attempt failed (or why nothing was sent), when it did. */
  lastErrorCategory: FailureCategorySchema.nullable(),
  isTest: z.boolean(),
  createdAt: TimestampSchema,
  nextAttemptAt: TimestampSchema.nullable(),
  completedAt: TimestampSchema.nullable(),
  /**
   * The earlier delivery of the same call to the same endpoint that this one waits for (per-call order),
   * while it waits; null otherwise. `nextAttemptAt` is not meaningful while this is set.
   */
  waitingFor: z
    .object({ id: DeliveryIdSchema, eventType: EventTypeSchema, status: DeliveryStatusSchema })
    .nullable(),
});
export type DeliverySummary = z.infer<typeof DeliverySummarySchema>;

export const DeliveryDetailSchema = DeliverySummarySchema.extend({
  /** The body exactly as sent on every attempt (the signature covers these bytes). */
  body: answerString(),
  attempts: z.array(DeliveryAttemptSchema),
});
export type DeliveryDetail = z.infer<typeof DeliveryDetailSchema>;

export const DELIVERY_PAGE_MAX = 100;

/**
 * A search box's text: a call id, a delivery id, or the `webhook-id` header a receiver logged (which is
 * the delivery id). Up to 200 characters, trimmed.
 */
export const DeliverySearchSchema = text()
  .trim()
  .min(1, 'Enter a call id, a delivery id or a webhook-id')
  .max(200, 'Search for a call id, a delivery id or a webhook-id (at most 200 characters)');

export const DeliveryListQuerySchema = z
  .strictObject({
    q: DeliverySearchSchema.optional(),
    status: DeliveryStatusSchema.optional(),
    eventType: EventTypeSchema.optional(),
    webhookId: IdSchema.optional(),
    agentId: IdSchema.optional(),
    callId: CallIdSchema.optional(),
    failureCategory: FailureCategorySchema.optional(),
    /** Created at or after this instant. */
    from: TimestampSchema.optional(),
    /** Created before this instant. */
    to: TimestampSchema.optional(),
    /** Opaque: the `nextCursor` of the previous page. */
    cursor: text()
      .max(200)
      .regex(/^[A-Za-z0-9_-]+$/, 'Not a cursor from this API')
      .optional(),
    limit: z.coerce.number().int().min(1).max(DELIVERY_PAGE_MAX).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from < q.to, {
    path: ['to'],
    error: 'The end of the time range must come after its start',
  });
export type DeliveryListQuery = z.infer<typeof DeliveryListQuerySchema>;

export const DeliveryPageSchema = z.object({
  items: z.array(DeliverySummarySchema),
  nextCursor: answerString().nullable(),
});
export type DeliveryPage = z.infer<typeof DeliveryPageSchema>;

/** `POST /webhooks/{id}/test` */
export const SendTestEventRequestSchema = z.strictObject({ eventType: EventTypeSchema });

/** `POST /events` answers 202 once the event and its deliveries are stored. */
export const IngestEventResponseSchema = z.object({
  eventId: IdSchema,
  /** True when this (callId, eventType) was already received: nothing new was stored. */
  duplicate: z.boolean(),
  deliveryIds: z.array(DeliveryIdSchema),
});
export type IngestEventResponse = z.infer<typeof IngestEventResponseSchema>;

/** `POST /agents/{id}/test-call` */
export const TestCallResponseSchema = z.object({
  callId: answerString(),
  /** When each event is published: Start now, End and Analytics a few seconds later. */
  events: z.array(z.object({ eventType: EventTypeSchema, publishAt: TimestampSchema })),
});
export type TestCallResponse = z.infer<typeof TestCallResponseSchema>;

export const SIGNATURE_TEST_CASES = ['valid', 'wrong-signature', 'stale-timestamp'] as const;

/** `POST /webhooks/{id}/signature-test`: did the endpoint accept exactly the correctly signed request? */
export const SignatureTestResultSchema = z.object({
  passed: z.boolean(),
  cases: z.array(
    z.object({
      case: z.enum(SIGNATURE_TEST_CASES),
      description: answerString(),
      responseStatus: z.int().nullable(),
      error: answerString().nullable(),
      accepted: z.boolean(),
      shouldAccept: z.boolean(),
    }),
  ),
});
export type SignatureTestResult = z.infer<typeof SignatureTestResultSchema>;

/** `POST /webhooks/{id}/replay-skipped`: deliveries skipped while the endpoint was disabled go out again. */
export const ReplaySkippedResponseSchema = z.object({ replayed: z.int().min(0) });

/** `GET /calls/{callId}`: every delivery of one call, across endpoints, in the order they were sent. */
export const CallViewSchema = z.object({
  callId: answerString(),
  agentId: IdSchema.nullable(),
  agentName: answerString().nullable(),
  /** By endpoint, then Start → End → Analytics Completed. */
  deliveries: z.array(DeliverySummarySchema),
});
export type CallView = z.infer<typeof CallViewSchema>;

export const CallIdParamSchema = z.object({ callId: CallIdSchema });

/** `POST /deliveries/{id}/redeliver-to-url`: the same signed request, once, to another URL. */
export const RedeliverToUrlRequestSchema = z.strictObject({ url: WebhookUrlSchema });
export type RedeliverToUrlRequest = z.infer<typeof RedeliverToUrlRequestSchema>;
