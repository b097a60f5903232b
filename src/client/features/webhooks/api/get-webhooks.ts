import { queryOptions, useQuery } from '@tanstack/react-query';
import { WebhookListSchema } from '@contract/webhooks';
import { apiRequest } from '@client/lib/api-client';
import { webhookKeys } from './webhook-keys';

export function getWebhooks({ signal }: { signal?: AbortSignal } = {}) {
  return apiRequest('/webhooks', import.meta.env.DEV && WebhookListSchema, { signal });
}

export function webhooksQueryOptions() {
  return queryOptions({ queryKey: webhookKeys.lists(), queryFn: getWebhooks });
}

export function useWebhooks() {
  return useQuery(webhooksQueryOptions());
}
