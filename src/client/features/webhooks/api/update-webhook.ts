import { useMutation, useQueryClient } from '@tanstack/react-query';
import { WebhookDetailSchema, type UpdateWebhookRequest } from '@contract/webhooks';
import { apiRequest } from '@client/lib/api-client';
import { resourceKeys } from '@client/lib/query-keys';
import { storeWebhookDetail } from './get-webhook';
import { webhookKeys } from './webhook-keys';

export function updateWebhook(webhookId: string, body: UpdateWebhookRequest) {
  return apiRequest(
    `/webhooks/${encodeURIComponent(webhookId)}`,
    import.meta.env.DEV && WebhookDetailSchema,
    {
      method: 'PATCH',
      body,
    },
  );
}

export function useUpdateWebhook(webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateWebhookRequest) => updateWebhook(webhookId, body),
    onSuccess: (detail) => storeWebhookDetail(queryClient, detail),
    onSettled: async () => {
      // Agents show their endpoint's URL.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: webhookKeys.all }),
        queryClient.invalidateQueries({ queryKey: resourceKeys.agents }),
      ]);
    },
  });
}
