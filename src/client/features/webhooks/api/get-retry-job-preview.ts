import { queryOptions, useQuery } from '@tanstack/react-query';
import { RetryJobPreviewSchema } from '@contract/retry-jobs';
import { apiRequest } from '@client/lib/api-client';
import { webhookKeys } from './webhook-keys';

/** How many failed deliveries a job started now would retry. */
export function getRetryJobPreview(
  webhookId: string,
  since: string,
  { signal }: { signal?: AbortSignal } = {},
) {
  const query = new URLSearchParams({ since });
  return apiRequest(
    `/webhooks/${encodeURIComponent(webhookId)}/retry-jobs/preview?${query.toString()}`,
    import.meta.env.DEV && RetryJobPreviewSchema,
    { signal },
  );
}

export function retryJobPreviewQueryOptions(webhookId: string, since: string) {
  return queryOptions({
    queryKey: webhookKeys.retryJobPreview(webhookId, since),
    queryFn: ({ signal }) => getRetryJobPreview(webhookId, since, { signal }),
    // The count the admin confirms must be the current one.
    staleTime: 0,
  });
}

export function useRetryJobPreview(webhookId: string, since: string | null) {
  return useQuery({
    ...retryJobPreviewQueryOptions(webhookId, since ?? ''),
    enabled: since !== null,
  });
}
