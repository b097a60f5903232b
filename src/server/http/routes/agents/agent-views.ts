import type { Agent } from '@contract/agents';
import type { AgentWithWebhookRow } from '../../../db/queries/agents';

export function toAgent({ agent, subscription: joined }: AgentWithWebhookRow): Agent {
  // Drizzle returns null for a left-joined object whose columns are all null, though its type says otherwise.
  const subscription = joined as AgentWithWebhookRow['subscription'] | null;
  return {
    id: agent.id,
    externalId: agent.externalId,
    name: agent.name,
    description: agent.description,
    createdAt: agent.createdAt.toISOString(),
    updatedAt: agent.updatedAt.toISOString(),
    webhook:
      subscription?.webhookId &&
      subscription.url &&
      subscription.status &&
      subscription.eventTypes &&
      subscription.updatedAt
        ? {
            webhookId: subscription.webhookId,
            url: subscription.url,
            status: subscription.status,
            disabledReason: subscription.disabledReason,
            disabledAt: subscription.disabledAt?.toISOString() ?? null,
            eventTypes: subscription.eventTypes,
            updatedAt: subscription.updatedAt.toISOString(),
          }
        : null,
  };
}
