import { queryOptions, useQuery } from '@tanstack/react-query';
import { WebhookHealthSchema } from '@contract/webhook-health';
import { apiRequest } from '@client/lib/api-client';
import { useLiveUpdates } from '@client/lib/live-updates';
import { webhookKeys } from './webhook-keys';

export function getWebhookHealth(webhookId: string, { signal }: { signal?: AbortSignal } = {}) {
  return apiRequest(
    `/webhooks/${encodeURIComponent(webhookId)}/health`,
    import.meta.env.DEV && WebhookHealthSchema,
    {
      signal,
    },
  );
}

export function webhookHealthQueryOptions(webhookId: string) {
  return queryOptions({
    queryKey: webhookKeys.health(webhookId),
    queryFn: ({ signal }) => getWebhookHealth(webhookId, { signal }),
  });
}

/** The endpoint's health; refetched (at most once a second) when the live stream reports its attempts. */
export function useWebhookHealth(webhookId: string) {
  useLiveUpdates();
  return useQuery(webhookHealthQueryOptions(webhookId));
}
