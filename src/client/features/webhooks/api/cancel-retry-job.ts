import { useMutation, useQueryClient } from '@tanstack/react-query';
import { RetryJobSchema } from '@contract/retry-jobs';
import { apiRequest } from '@client/lib/api-client';
import { webhookKeys } from './webhook-keys';

export function cancelRetryJob(webhookId: string, jobId: string) {
  return apiRequest(
    `/webhooks/${encodeURIComponent(webhookId)}/retry-jobs/${encodeURIComponent(jobId)}/cancel`,
    import.meta.env.DEV && RetryJobSchema,
    { method: 'POST' },
  );
}

export function useCancelRetryJob(webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) => cancelRetryJob(webhookId, jobId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.retryJobs(webhookId) }),
  });
}
