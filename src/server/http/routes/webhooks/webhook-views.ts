/** Database rows → the contract's response shapes. */
import type { Role } from '@contract/auth';
import { maskHeaderValues, type WebhookDetail, type WebhookSummary } from '@contract/webhooks';
import type { OpenCredentials } from '../../../security/webhook-credentials';
import type { SubscriptionRow } from '../../../db/queries/agent-webhooks';
import type { WebhookRow } from '../../../db/queries/webhooks';

export function toWebhookSummary(
  row: WebhookRow,
  subscriptions: SubscriptionRow[],
): WebhookSummary {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    status: row.status,
    disabledReason: row.disabledReason,
    disabledAt: row.disabledAt?.toISOString() ?? null,
    failingSince: row.failingSince?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    subscriptions: subscriptions
      .filter((s) => s.webhookId === row.id)
      .map(({ agentId, agentName, eventTypes }) => ({ agentId, agentName, eventTypes })),
  };
}

export function toWebhookDetail(
  row: WebhookRow,
  credentials: OpenCredentials,
  subscriptions: SubscriptionRow[],
  role: Role,
  now: Date,
  skippedDeliveryCount: number,
): WebhookDetail {
  const previousValid = row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > now;
  return {
    ...toWebhookSummary(row, subscriptions),
    // Custom headers carry the customer's credentials (an API key for their CRM, say): only admins, who
    // set them, read them back; everyone else sees which headers are sent, not their values.
    headers: role === 'admin' ? credentials.headers : maskHeaderValues(credentials.headers),
    // Only admins may see the secret: anyone holding it can forge deliveries to the customer's server.
    secret: role === 'admin' ? credentials.secret : null,
    skippedDeliveryCount,
    previousSecretExpiresAt: previousValid
      ? (row.previousSecretExpiresAt?.toISOString() ?? null)
      : null,
  };
}
