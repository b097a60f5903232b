import { z } from 'zod';
import { IdSchema, TimestampSchema } from './common';
import { EventTypeSchema, EventTypeSetSchema } from './event-types';
import { WebhookStatusSchema } from './webhooks';
import { answerString, text } from './text';

export const AGENT_NAME_MAX = 120;
export const AGENT_DESCRIPTION_MAX = 1000;

/** The agent's webhook as the Webhook tab shows it. */
export const AgentWebhookSchema = z.object({
  webhookId: IdSchema,
  url: answerString(),
  status: WebhookStatusSchema,
  /** Why the endpoint is disabled; null while it is enabled. */
  disabledReason: answerString().nullable(),
  eventTypes: z.array(EventTypeSchema),
  updatedAt: TimestampSchema,
});
export type AgentWebhook = z.infer<typeof AgentWebhookSchema>;

export const AgentSchema = z.object({
  id: IdSchema,
  name: answerString(),
  description: answerString(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  webhook: AgentWebhookSchema.nullable(),
});
export type Agent = z.infer<typeof AgentSchema>;

export const AgentListSchema = z.object({ items: z.array(AgentSchema) });
export type AgentList = z.infer<typeof AgentListSchema>;

export const UpdateAgentRequestSchema = z
  .strictObject({
    name: text()
      .trim()
      .min(1, 'Enter a name')
      .max(AGENT_NAME_MAX, `Names are at most ${AGENT_NAME_MAX} characters`),
    description: text()
      .trim()
      .max(AGENT_DESCRIPTION_MAX, `Descriptions are at most ${AGENT_DESCRIPTION_MAX} characters`),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one of name, description');
export type UpdateAgentRequest = z.infer<typeof UpdateAgentRequestSchema>;

/** `PUT /agents/{id}/webhook-subscriptions`: replaces the agent's endpoint and events. */
export const PutAgentWebhookRequestSchema = z.strictObject({
  webhookId: IdSchema,
  eventTypes: EventTypeSetSchema,
});
export type PutAgentWebhookRequest = z.infer<typeof PutAgentWebhookRequestSchema>;
