import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DeliverySummarySchema } from '@contract/deliveries';
import { apiRequest } from '@client/lib/api-client';
import { deliveryKeys } from './delivery-keys';

export function redeliver(deliveryId: string) {
  return apiRequest(
    `/deliveries/${encodeURIComponent(deliveryId)}/redeliver`,
    import.meta.env.DEV && DeliverySummarySchema,
    { method: 'POST' },
  );
}

export function useRedeliver() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: redeliver,
    // The open detail, its call and the lists show it queued at once; the live stream brings the attempt.
    onSettled: async (summary, _error, deliveryId) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: deliveryKeys.detail(deliveryId) }),
        queryClient.invalidateQueries({ queryKey: deliveryKeys.lists() }),
        summary
          ? queryClient.invalidateQueries({ queryKey: deliveryKeys.call(summary.callId) })
          : null,
      ]);
    },
  });
}
