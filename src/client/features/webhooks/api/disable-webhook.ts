import { useMutation, useQueryClient } from '@tanstack/react-query';
import { WebhookDetailSchema } from '@contract/webhooks';
import { apiRequest } from '@client/lib/api-client';
import { resourceKeys } from '@client/lib/query-keys';
import { storeWebhookDetail } from './get-webhook';
import { webhookKeys } from './webhook-keys';

export function disableWebhook(webhookId: string) {
  return apiRequest(
    `/webhooks/${encodeURIComponent(webhookId)}/disable`,
    import.meta.env.DEV && WebhookDetailSchema,
    {
      method: 'POST',
    },
  );
}

export function useDisableWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: disableWebhook,
    onSuccess: (detail) => storeWebhookDetail(queryClient, detail),
    onSettled: async () => {
      // Agents show their endpoint's status.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: webhookKeys.lists() }),
        queryClient.invalidateQueries({ queryKey: resourceKeys.agents }),
      ]);
    },
  });
}
