/** Database rows → the contract's response shapes. */
import type { Role } from '@contract/auth';
import type { WebhookDetail, WebhookSummary } from '@contract/webhooks';
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
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    subscriptions: subscriptions
      .filter((s) => s.webhookId === row.id)
      .map(({ agentId, agentName, eventTypes }) => ({ agentId, agentName, eventTypes })),
  };
}

export function toWebhookDetail(
  row: WebhookRow,
  subscriptions: SubscriptionRow[],
  role: Role,
  now: Date,
  skippedDeliveryCount: number,
): WebhookDetail {
  const previousValid = row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > now;
  return {
    ...toWebhookSummary(row, subscriptions),
    headers: row.headers,
    // Only admins may see the secret: anyone holding it can forge deliveries to the customer's server.
    secret: role === 'admin' ? row.secret : null,
    failingSince: row.failingSince?.toISOString() ?? null,
    skippedDeliveryCount,
    previousSecretExpiresAt: previousValid
      ? (row.previousSecretExpiresAt?.toISOString() ?? null)
      : null,
  };
}
