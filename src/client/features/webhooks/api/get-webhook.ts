import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { WebhookDetailSchema, type WebhookDetail } from '@contract/webhooks';
import { apiRequest } from '@client/lib/api-client';
import { webhookKeys } from './webhook-keys';

export function getWebhook(webhookId: string, { signal }: { signal?: AbortSignal } = {}) {
  return apiRequest(
    `/webhooks/${encodeURIComponent(webhookId)}`,
    import.meta.env.DEV && WebhookDetailSchema,
    { signal },
  );
}

export function webhookQueryOptions(webhookId: string) {
  return queryOptions({
    queryKey: webhookKeys.detail(webhookId),
    queryFn: ({ signal }) => getWebhook(webhookId, { signal }),
  });
}

export function useWebhook(webhookId: string) {
  return useQuery(webhookQueryOptions(webhookId));
}

/** Every operation on one endpoint answers with its new detail: keep it, so the page updates at once. */
export function storeWebhookDetail(queryClient: QueryClient, detail: WebhookDetail) {
  queryClient.setQueryData(webhookQueryOptions(detail.id).queryKey, detail);
}
