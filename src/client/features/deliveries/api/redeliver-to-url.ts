import { useMutation, useQueryClient } from '@tanstack/react-query';
import { DeliveryAttemptSchema, type RedeliverToUrlRequest } from '@contract/deliveries';
import { apiRequest } from '@client/lib/api-client';
import { deliveryKeys } from './delivery-keys';

/** The same signed request, sent once to another URL; answers the attempt it recorded. */
export function redeliverToUrl(deliveryId: string, request: RedeliverToUrlRequest) {
  return apiRequest(
    `/deliveries/${encodeURIComponent(deliveryId)}/redeliver-to-url`,
    import.meta.env.DEV && DeliveryAttemptSchema,
    { method: 'POST', body: request },
  );
}

export function useRedeliverToUrl(deliveryId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (request: RedeliverToUrlRequest) => redeliverToUrl(deliveryId, request),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: deliveryKeys.detail(deliveryId) }),
  });
}
