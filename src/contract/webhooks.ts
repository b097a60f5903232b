/**
 * Webhook endpoints: where an organisation's call events are POSTed. The https-only rule depends on the
 * operator's allow-list, which only the server knows, so the contract accepts http and https and the
 * server narrows it (see src/server/security/url-guard.ts).
 */
import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';
import { EventTypeSchema } from './event-types';
import { answerRecord, answerString, text, textRecord, url } from './text';

export const WEBHOOK_URL_MAX = 2048;
export const WEBHOOK_DESCRIPTION_MAX = 500;
export const CUSTOM_HEADERS_MAX = 10;
export const HEADER_NAME_MAX = 256;
export const HEADER_VALUE_MAX = 1024;

/**
 * Names we set ourselves (signatures, user agent) or that HTTP/1.1 framing owns; letting an endpoint
 * override them would break signature verification or the request itself.
 */
export const RESERVED_HEADER_NAMES = [
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'x-signature',
  'user-agent',
  'host',
  'content-length',
  'content-type',
  'connection',
  'transfer-encoding',
  'keep-alive',
  'upgrade',
  'te',
  'trailer',
  'expect',
  'proxy-connection',
] as const;

/**
 * What a custom header's value reads as where it may not be shown: to roles other than admin, and in
 * every stored attempt (the values are credentials; the database keeps attempts for a long time).
 */
export const MASKED_HEADER_VALUE = '••••••••';

/** The headers' names with every value replaced by MASKED_HEADER_VALUE. */
export function maskHeaderValues(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(headers).map((name) => [name, MASKED_HEADER_VALUE]));
}

/** RFC 7230 `token`. */
const HEADER_NAME_PATTERN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
/** Visible ASCII, space and tab: no CR/LF (header injection) and nothing an HTTP client would refuse. */
const HEADER_VALUE_PATTERN = /^[\t\x20-\x7e]*$/;

export const WebhookUrlSchema = text()
  .trim()
  .min(1, 'Enter the endpoint URL')
  .max(WEBHOOK_URL_MAX, `URLs are at most ${WEBHOOK_URL_MAX} characters`)
  .pipe(
    url({ protocol: /^https?$/, error: 'Enter a full URL, such as https://example.com/webhook' }),
  )
  .refine((value) => {
    // Zod runs refinements after a failed pipe too; an unparsable URL is already reported there.
    if (!URL.canParse(value)) return true;
    const url = new URL(value);
    return url.username === '' && url.password === '';
  }, 'Put credentials in a custom header, not in the URL');

export const WebhookDescriptionSchema = text()
  .trim()
  .max(WEBHOOK_DESCRIPTION_MAX, `Descriptions are at most ${WEBHOOK_DESCRIPTION_MAX} characters`);

export const CustomHeadersSchema = textRecord(
  text()
    .max(HEADER_NAME_MAX, `Header names are at most ${HEADER_NAME_MAX} characters`)
    .regex(HEADER_NAME_PATTERN, "Header names may use letters, digits and !#$%&'*+-.^_`|~ only"),
  text()
    .max(HEADER_VALUE_MAX, `Header values are at most ${HEADER_VALUE_MAX} characters`)
    .regex(HEADER_VALUE_PATTERN, 'Header values may not contain line breaks or control characters'),
).superRefine((headers, ctx) => {
  const names = Object.keys(headers);
  if (names.length > CUSTOM_HEADERS_MAX) {
    ctx.addIssue({ code: 'custom', message: `At most ${CUSTOM_HEADERS_MAX} custom headers` });
  }
  const seen = new Set<string>();
  for (const name of names) {
    const lower = name.toLowerCase();
    if ((RESERVED_HEADER_NAMES as readonly string[]).includes(lower)) {
      ctx.addIssue({
        code: 'custom',
        path: [name],
        message: `${name} is set by Ringpost and cannot be overridden`,
      });
    } else if (seen.has(lower)) {
      ctx.addIssue({ code: 'custom', path: [name], message: `${name} is listed twice` });
    }
    seen.add(lower);
  }
});
export type CustomHeaders = z.infer<typeof CustomHeadersSchema>;

export const CreateWebhookRequestSchema = z.strictObject({
  url: WebhookUrlSchema,
  description: WebhookDescriptionSchema.optional(),
  headers: CustomHeadersSchema.optional(),
});
export type CreateWebhookRequest = z.infer<typeof CreateWebhookRequestSchema>;

export const UpdateWebhookRequestSchema = CreateWebhookRequestSchema.partial().refine(
  (body) => Object.keys(body).length > 0,
  'Send at least one of url, description, headers',
);
export type UpdateWebhookRequest = z.infer<typeof UpdateWebhookRequestSchema>;

export const WebhookStatusSchema = z.enum(['enabled', 'disabled']);
export type WebhookStatus = z.infer<typeof WebhookStatusSchema>;

/** One agent's use of an endpoint. An agent has at most one endpoint, with its own event set. */
export const WebhookSubscriptionSchema = z.object({
  agentId: IdSchema,
  agentName: answerString(),
  eventTypes: z.array(EventTypeSchema),
});
export type WebhookSubscription = z.infer<typeof WebhookSubscriptionSchema>;

export const WebhookSummarySchema = z.object({
  id: IdSchema,
  url: answerString(),
  description: answerString().nullable(),
  status: WebhookStatusSchema,
  /** Why the endpoint was disabled (by a person or by the delivery engine); null while enabled. */
  disabledReason: answerString().nullable(),
  /** When it was disabled; null while enabled. */
  disabledAt: TimestampSchema.nullable(),
  /** Since when every attempt has failed (null after a success); five days of it disables the endpoint. */
  failingSince: TimestampSchema.nullable(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  subscriptions: z.array(WebhookSubscriptionSchema),
});
export type WebhookSummary = z.infer<typeof WebhookSummarySchema>;

export const WEBHOOK_SECRET_PREFIX = 'whsec_';

export const WebhookDetailSchema = WebhookSummarySchema.extend({
  headers: answerRecord(answerString()),
  /** The signing secret; null for roles that may not see it (only admins may). */
  secret: answerString().nullable(),
  /** While a rotated-out secret still verifies, deliveries are signed with both until this time. */
  previousSecretExpiresAt: TimestampSchema.nullable(),
  /** Deliveries recorded as skipped while the endpoint was disabled, which can be replayed. */
  skippedDeliveryCount: z.int().min(0),
});
export type WebhookDetail = z.infer<typeof WebhookDetailSchema>;

export const WebhookListSchema = z.object({ items: z.array(WebhookSummarySchema) });
export type WebhookList = z.infer<typeof WebhookListSchema>;
