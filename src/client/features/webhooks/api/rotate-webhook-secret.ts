import { useMutation, useQueryClient } from '@tanstack/react-query';
import { WebhookDetailSchema } from '@contract/webhooks';
import { apiRequest } from '@client/lib/api-client';
import { storeWebhookDetail } from './get-webhook';

export function rotateWebhookSecret(webhookId: string) {
  return apiRequest(
    `/webhooks/${encodeURIComponent(webhookId)}/rotate-secret`,
    import.meta.env.DEV && WebhookDetailSchema,
    {
      method: 'POST',
    },
  );
}

export function useRotateWebhookSecret() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: rotateWebhookSecret,
    onSuccess: (detail) => storeWebhookDetail(queryClient, detail),
  });
}
