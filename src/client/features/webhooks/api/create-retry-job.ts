import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RetryJobSchema, type RetryJobRequest } from '@contract/retry-jobs';
import { apiRequest } from '@client/lib/api-client';
import { resourceKeys } from '@client/lib/query-keys';
import { webhookKeys } from './webhook-keys';

export function createRetryJob(webhookId: string, request: RetryJobRequest) {
  return apiRequest(
    `/webhooks/${encodeURIComponent(webhookId)}/retry-jobs`,
    import.meta.env.DEV && RetryJobSchema,
    {
      method: 'POST',
      body: request,
    },
  );
}

export function useCreateRetryJob(webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RetryJobRequest) => createRetryJob(webhookId, request),
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: webhookKeys.retryJobs(webhookId) }),
        queryClient.invalidateQueries({ queryKey: resourceKeys.deliveries }),
      ]);
    },
  });
}
