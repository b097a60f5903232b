import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequestNoContent } from '@client/lib/api-client';
import { resourceKeys } from '@client/lib/query-keys';
import { webhookKeys } from './webhook-keys';

export function deleteWebhook(webhookId: string) {
  return apiRequestNoContent(`/webhooks/${encodeURIComponent(webhookId)}`, { method: 'DELETE' });
}

export function useDeleteWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteWebhook,
    onSuccess: (_data, webhookId) => {
      // Forget the deleted endpoint, unless its page is still showing (it is about to navigate
      // away): removing a watched query makes it refetch, and the server would answer 404.
      const detail = queryClient.getQueryCache().find({ queryKey: webhookKeys.detail(webhookId) });
      if (detail && detail.getObserversCount() === 0) {
        queryClient.removeQueries({ queryKey: detail.queryKey, exact: true });
      }
    },
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: webhookKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: resourceKeys.agents }),
      ]);
    },
  });
}
