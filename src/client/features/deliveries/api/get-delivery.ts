import { queryOptions, useQuery } from '@tanstack/react-query';
import { DeliveryDetailSchema } from '@contract/deliveries';
import { apiRequest } from '@client/lib/api-client';
import { isInFlight } from '../utils/delivery-status';
import { deliveryKeys } from './delivery-keys';
import { DELIVERIES_POLL_MS } from './get-deliveries';

export function getDelivery(deliveryId: string, { signal }: { signal?: AbortSignal } = {}) {
  return apiRequest(`/deliveries/${encodeURIComponent(deliveryId)}`, DeliveryDetailSchema, {
    signal,
  });
}

/** A delivery with every attempt; polls while it is on its way, so a new attempt shows up by itself. */
export function deliveryQueryOptions(deliveryId: string, pollMs = DELIVERIES_POLL_MS) {
  return queryOptions({
    queryKey: deliveryKeys.detail(deliveryId),
    queryFn: ({ signal }) => getDelivery(deliveryId, { signal }),
    refetchInterval: (query) => (query.state.data && isInFlight(query.state.data) ? pollMs : false),
  });
}

export function useDelivery(deliveryId: string, pollMs?: number) {
  return useQuery(deliveryQueryOptions(deliveryId, pollMs));
}
