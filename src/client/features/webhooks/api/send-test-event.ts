import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DeliverySummarySchema } from '@contract/deliveries';
import type { EventType } from '@contract/event-types';
import { apiRequest } from '@client/lib/api-client';
import { resourceKeys } from '@client/lib/query-keys';

export function sendTestEvent(webhookId: string, eventType: EventType) {
  return apiRequest(
    `/webhooks/${encodeURIComponent(webhookId)}/test`,
    import.meta.env.DEV && DeliverySummarySchema,
    {
      method: 'POST',
      body: { eventType },
    },
  );
}

/** Sends a signed example event; the new delivery shows up in the endpoint's deliveries. */
export function useSendTestEvent(webhookId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (eventType: EventType) => sendTestEvent(webhookId, eventType),
    onSettled: () => queryClient.invalidateQueries({ queryKey: resourceKeys.deliveries }),
  });
}
