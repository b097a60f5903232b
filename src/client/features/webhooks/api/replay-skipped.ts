import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ReplaySkippedResponseSchema } from '@contract/deliveries';
import { apiRequest } from '@client/lib/api-client';
import { resourceKeys } from '@client/lib/query-keys';
import { webhookKeys } from './webhook-keys';

export function replaySkipped(webhookId: string) {
  return apiRequest(
    `/webhooks/${encodeURIComponent(webhookId)}/replay-skipped`,
    import.meta.env.DEV && ReplaySkippedResponseSchema,
    { method: 'POST' },
  );
}

export function useReplaySkipped(webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => replaySkipped(webhookId),
    onSettled: async () => {
      // The endpoint's skipped count goes back to zero; the replayed deliveries start moving.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: webhookKeys.detail(webhookId) }),
        queryClient.invalidateQueries({ queryKey: resourceKeys.deliveries }),
      ]);
    },
  });
}
