/**
 * Live updates for open pages: `GET /api/v1/live` is a server-sent event stream (any signed-in role,
 * scoped to the caller's organisation). Each `change` event names what changed, so that a page refetches
 * only the queries that show it; nothing is sent while nothing changes (a comment every 25 s keeps
 * proxies from closing the connection). See docs/decisions for why this is SSE and not polling.
 */
import { z } from 'zod';
import { IdSchema } from './common';
import { DeliveryIdSchema, DeliveryStatusSchema } from './deliveries';
import { WebhookStatusSchema } from './webhooks';
import { answerString } from './text';

export { LIVE_EVENT } from './live-event';

export const LiveChangeSchema = z.object({
  /** Deliveries whose status or attempts changed (created, attempted, redelivered, pruned). */
  deliveries: z.array(
    z.object({
      id: DeliveryIdSchema,
      webhookId: IdSchema,
      callId: answerString(),
      status: DeliveryStatusSchema,
    }),
  ),
  /** Endpoints whose status changed (an automatic disable after 410 or five days of failures). */
  webhooks: z.array(z.object({ id: IdSchema, status: WebhookStatusSchema })),
  /** Bulk retry jobs whose progress or status changed. */
  retryJobs: z.array(z.object({ id: IdSchema, webhookId: IdSchema })),
});
export type LiveChange = z.infer<typeof LiveChangeSchema>;
