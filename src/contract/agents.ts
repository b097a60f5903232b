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
  /** When it was disabled; null while enabled. */
  disabledAt: TimestampSchema.nullable(),
  eventTypes: z.array(EventTypeSchema),
  updatedAt: TimestampSchema,
});
export type AgentWebhook = z.infer<typeof AgentWebhookSchema>;

/**
 * The call platform's own id for an agent it registers (`PUT /agents/{externalId}`): what its systems
 * already call the agent, so it need not keep Ringpost's id. Letters, digits and `._:@-`, as ids in URLs
 * usually are; at most 128 characters.
 */
export const EXTERNAL_ID_MAX = 128;
export const ExternalAgentIdSchema = text()
  .min(1, 'Enter the platform’s id for the agent')
  .max(EXTERNAL_ID_MAX, `External ids are at most ${EXTERNAL_ID_MAX} characters`)
  .regex(/^[A-Za-z0-9._:@-]+$/, 'Use letters, digits and . _ : @ - only');

export const ExternalAgentIdParamSchema = z.object({ externalId: ExternalAgentIdSchema });

export const AgentSchema = z.object({
  id: IdSchema,
  /** Set when the call platform registered the agent with its own id; null for agents made here. */
  externalId: answerString().nullable(),
  name: answerString(),
  description: answerString(),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
  webhook: AgentWebhookSchema.nullable(),
});
export type Agent = z.infer<typeof AgentSchema>;

export const AgentListSchema = z.object({ items: z.array(AgentSchema) });
export type AgentList = z.infer<typeof AgentListSchema>;

const agentName = () =>
  text()
    .trim()
    .min(1, 'Enter a name')
    .max(AGENT_NAME_MAX, `Names are at most ${AGENT_NAME_MAX} characters`);
const agentDescription = () =>
  text()
    .trim()
    .max(AGENT_DESCRIPTION_MAX, `Descriptions are at most ${AGENT_DESCRIPTION_MAX} characters`);

/**
 * `PUT /agents/{externalId}` (API key): the platform's whole view of the agent. A description left out
 * is empty, as a PUT replaces what it names.
 */
export const PutExternalAgentRequestSchema = z.strictObject({
  name: agentName(),
  description: agentDescription().default(''),
});
export type PutExternalAgentRequest = z.infer<typeof PutExternalAgentRequestSchema>;

export const UpdateAgentRequestSchema = z
  .strictObject({ name: agentName(), description: agentDescription() })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'Send at least one of name, description');
export type UpdateAgentRequest = z.infer<typeof UpdateAgentRequestSchema>;

/** `PUT /agents/{id}/webhook-subscriptions`: replaces the agent's endpoint and events. */
export const PutAgentWebhookRequestSchema = z.strictObject({
  webhookId: IdSchema,
  eventTypes: EventTypeSetSchema,
});
export type PutAgentWebhookRequest = z.infer<typeof PutAgentWebhookRequestSchema>;
