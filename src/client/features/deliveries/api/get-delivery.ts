import { queryOptions, useQuery } from '@tanstack/react-query';
import { DeliveryDetailSchema } from '@contract/deliveries';
import { apiRequest } from '@client/lib/api-client';
import { LIVE_FALLBACK_POLL_MS, useLiveUpdates } from '@client/lib/live-updates';
import { isInFlight } from '../utils/delivery-status';
import { deliveryKeys } from './delivery-keys';

export function getDelivery(deliveryId: string, { signal }: { signal?: AbortSignal } = {}) {
  return apiRequest(
    `/deliveries/${encodeURIComponent(deliveryId)}`,
    import.meta.env.DEV && DeliveryDetailSchema,
    {
      signal,
    },
  );
}

export function deliveryQueryOptions(deliveryId: string) {
  return queryOptions({
    queryKey: deliveryKeys.detail(deliveryId),
    queryFn: ({ signal }) => getDelivery(deliveryId, { signal }),
  });
}

/** A delivery with every attempt; a new attempt shows up by itself (live stream, or a fallback poll). */
export function useDelivery(deliveryId: string) {
  const live = useLiveUpdates();
  return useQuery({
    ...deliveryQueryOptions(deliveryId),
    refetchInterval: (query) =>
      live !== 'open' && query.state.data && isInFlight(query.state.data)
        ? LIVE_FALLBACK_POLL_MS
        : false,
  });
}
