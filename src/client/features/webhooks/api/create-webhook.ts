import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  WebhookDetailSchema,
  type CreateWebhookRequest,
  type WebhookSummary,
} from '@contract/webhooks';
import { apiRequest } from '@client/lib/api-client';
import { storeWebhookDetail } from './get-webhook';
import { webhooksQueryOptions } from './get-webhooks';
import { webhookKeys } from './webhook-keys';

export function createWebhook(body: CreateWebhookRequest) {
  return apiRequest('/webhooks', import.meta.env.DEV && WebhookDetailSchema, {
    method: 'POST',
    body,
  });
}

export function useCreateWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createWebhook,
    onSuccess: (detail) => {
      storeWebhookDetail(queryClient, detail);
      // Pages reached next (the agent's Configure Webhook modal) list the new endpoint before the
      // refetch below comes back.
      const summary: WebhookSummary = {
        id: detail.id,
        url: detail.url,
        description: detail.description,
        status: detail.status,
        disabledReason: detail.disabledReason,
        disabledAt: detail.disabledAt,
        failingSince: detail.failingSince,
        createdAt: detail.createdAt,
        updatedAt: detail.updatedAt,
        subscriptions: detail.subscriptions,
      };
      queryClient.setQueryData(webhooksQueryOptions().queryKey, (list) =>
        list ? { items: [...list.items.filter((w) => w.id !== detail.id), summary] } : list,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: webhookKeys.lists() }),
  });
}
