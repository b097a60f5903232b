/**
 * The wire format of call events (README "Verifying a delivery"). One definition serves ingestion
 * (`POST /events`), the body we POST to endpoints, test events, mocks and the API docs.
 *
 * Ingestion carries ids at the top level and the event's own fields in `metadata`; the delivered body
 * repeats the ids inside `metadata`, as the platform's published format does.
 */
import { z } from 'zod';
import { IdSchema } from './common';
import { answerString, text, textRecord, url } from './text';

export const CALL_ID_MAX = 128;

export const ConversationTypeSchema = z.enum(['telephonyOutbound', 'telephonyInbound']);
export type ConversationType = z.infer<typeof ConversationTypeSchema>;

export const CallIdSchema = text()
  .min(1, 'Enter a call id')
  .max(CALL_ID_MAX, `Call ids are at most ${CALL_ID_MAX} characters`)
  .regex(/^[A-Za-z0-9._:-]+$/, 'Call ids may use letters, digits and . _ : - only');

export const E164Schema = text().regex(
  /^\+[1-9]\d{1,14}$/,
  'Use an E.164 phone number, such as +14155550123',
);

const UtcTimestampSchema = z.iso.datetime({ error: 'Use an ISO-8601 UTC timestamp' });

export const CallStatusSchema = z.enum(['completed', 'no-answer', 'busy', 'failed', 'canceled']);
export const CallDirectionSchema = z.enum(['inbound', 'outbound']);

export const CallDataSchema = z.strictObject({
  fromNumber: E164Schema,
  toNumber: E164Schema,
  /** Seconds, fractional. */
  callDuration: z
    .number()
    .nonnegative()
    .max(86_400 * 7),
  callStatus: CallStatusSchema,
  callDirection: CallDirectionSchema,
  /** Null when the call was never answered. */
  answerTime: UtcTimestampSchema.nullable(),
  endTime: UtcTimestampSchema,
});
export type CallData = z.infer<typeof CallDataSchema>;

export const TranscriptEntrySchema = z.strictObject({
  role: z.enum(['agent', 'user']),
  content: text().max(20_000),
  timestamp: UtcTimestampSchema,
});

const MetricTypeSchema = z.enum(['INTEGER', 'STRING', 'BOOLEAN']);

export const MetricSchema = z
  .strictObject({
    identifier: text().min(1).max(200),
    value: z.union([z.int(), text().max(10_000), z.boolean()]),
    confidence: z.number().min(0).max(1),
    reasoning: text().max(10_000),
    dispositionMetricPrompt: text().max(10_000),
    dispositionMetricType: MetricTypeSchema,
  })
  .refine(
    (m) =>
      (m.dispositionMetricType === 'INTEGER' && typeof m.value === 'number') ||
      (m.dispositionMetricType === 'STRING' && typeof m.value === 'string') ||
      (m.dispositionMetricType === 'BOOLEAN' && typeof m.value === 'boolean'),
    { error: 'value must match dispositionMetricType', path: ['value'] },
  );
export type Metric = z.infer<typeof MetricSchema>;

export const AnalyticsSchema = z.strictObject({
  summary: text().max(20_000),
  dispositionMetrics: z.array(MetricSchema).max(100),
  successMetrics: z.array(MetricSchema).max(100),
});

/** The fields each event type adds; this is `metadata` in an ingestion request. */
export const PreConversationDetailsSchema = z.strictObject({
  conversationType: ConversationTypeSchema,
  toPhone: E164Schema,
  fromPhone: E164Schema,
});

export const PostConversationDetailsSchema = z.strictObject({
  conversationType: ConversationTypeSchema,
  /** Null when there is nothing recorded (an unanswered call). */
  recordingUrl: url({ protocol: /^https?$/ })
    .max(2048)
    .nullable(),
  callData: CallDataSchema,
  transcript: z.array(TranscriptEntrySchema).max(5_000),
  variables: textRecord(text().max(200), text().max(10_000)),
});

export const AnalyticsCompletedDetailsSchema = z.strictObject({
  conversationType: ConversationTypeSchema,
  callData: CallDataSchema,
  analytics: AnalyticsSchema,
});

const ids = { agentId: IdSchema, callId: CallIdSchema };

export const IngestEventRequestSchema = z.discriminatedUnion('eventType', [
  z.strictObject({
    ...ids,
    eventType: z.literal('pre-conversation'),
    metadata: PreConversationDetailsSchema,
  }),
  z.strictObject({
    ...ids,
    eventType: z.literal('post-conversation'),
    metadata: PostConversationDetailsSchema,
  }),
  z.strictObject({
    ...ids,
    eventType: z.literal('analytics-completed'),
    metadata: AnalyticsCompletedDetailsSchema,
  }),
]);
export type IngestEventRequest = z.infer<typeof IngestEventRequestSchema>;

/** `metadata` as delivered: the event's own fields plus the ids every event carries. */
export const PreConversationMetadataSchema = PreConversationDetailsSchema.extend({
  ...ids,
  eventType: z.literal('pre-conversation'),
});
export const PostConversationMetadataSchema = PostConversationDetailsSchema.extend({
  ...ids,
  eventType: z.literal('post-conversation'),
});
export const AnalyticsCompletedMetadataSchema = AnalyticsCompletedDetailsSchema.extend({
  ...ids,
  eventType: z.literal('analytics-completed'),
});

export const EventMetadataSchema = z.discriminatedUnion('eventType', [
  PreConversationMetadataSchema,
  PostConversationMetadataSchema,
  AnalyticsCompletedMetadataSchema,
]);
export type EventMetadata = z.infer<typeof EventMetadataSchema>;

/** The JSON body of every POST to an endpoint. */
export const WebhookPayloadSchema = z.strictObject({
  /** The delivery id; the same value as the `webhook-id` header, stable across retries. */
  id: answerString().min(1),
  /** `<agentId>.<eventType>` */
  event: answerString().regex(
    /^[0-9a-f-]{36}\.(pre-conversation|post-conversation|analytics-completed)$/,
  ),
  /** The endpoint's URL and description, so one receiver can serve several endpoints. */
  url: answerString(),
  description: answerString(),
  metadata: EventMetadataSchema,
});
export type WebhookPayload = z.infer<typeof WebhookPayloadSchema>;
