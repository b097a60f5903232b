import { queryOptions, useQuery } from '@tanstack/react-query';
import { RetryJobListSchema } from '@contract/retry-jobs';
import { apiRequest } from '@client/lib/api-client';
import { LIVE_FALLBACK_POLL_MS, useLiveUpdates } from '@client/lib/live-updates';
import { webhookKeys } from './webhook-keys';

export function getRetryJobs(webhookId: string, { signal }: { signal?: AbortSignal } = {}) {
  return apiRequest(
    `/webhooks/${encodeURIComponent(webhookId)}/retry-jobs`,
    import.meta.env.DEV && RetryJobListSchema,
    {
      signal,
    },
  );
}

export function retryJobsQueryOptions(webhookId: string) {
  return queryOptions({
    queryKey: webhookKeys.retryJobList(webhookId),
    queryFn: ({ signal }) => getRetryJobs(webhookId, { signal }),
  });
}

/** The endpoint's bulk retry jobs, newest first; a running job's progress arrives by the live stream. */
export function useRetryJobs(webhookId: string) {
  const live = useLiveUpdates();
  return useQuery({
    ...retryJobsQueryOptions(webhookId),
    refetchInterval: (query) =>
      live !== 'open' && query.state.data?.items.some((job) => job.status === 'running')
        ? LIVE_FALLBACK_POLL_MS
        : false,
  });
}
