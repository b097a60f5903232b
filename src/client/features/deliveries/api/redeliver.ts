import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DeliverySummarySchema } from '@contract/deliveries';
import { apiRequest } from '@client/lib/api-client';
import { deliveryKeys } from './delivery-keys';

export function redeliver(deliveryId: string) {
  return apiRequest(
    `/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
    DeliverySummarySchema,
    { method: 'POST' },
  );
}

export function useRedeliver() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: redeliver,
    // Lists and the open detail pick up the new attempt, and keep polling until it has settled.
    onSettled: () => queryClient.invalidateQueries({ queryKey: deliveryKeys.all }),
  });
}
