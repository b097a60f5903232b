import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { DeliveryPageSchema, type DeliveryPage } from '@contract/deliveries';
import { apiRequest } from '@client/lib/api-client';
import { isInFlight } from '../utils/delivery-status';
import { deliveryKeys, type DeliveryFilters } from './delivery-keys';

export interface DeliveryPageRequest extends DeliveryFilters {
  cursor?: string;
  limit?: number;
}

export function getDeliveries(
  request: DeliveryPageRequest,
  { signal }: { signal?: AbortSignal } = {},
) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(request)) {
    if (value !== undefined) params.set(name, String(value));
  }
  return apiRequest(`/deliveries?${params.toString()}`, DeliveryPageSchema, { signal });
}

/** One page of deliveries, newest first: enough for one call's few deliveries. */
export function deliveriesQueryOptions(filters: DeliveryFilters, limit = 50) {
  return queryOptions({
    queryKey: deliveryKeys.list({ ...filters }),
    queryFn: ({ signal }) => getDeliveries({ ...filters, limit }, { signal }),
  });
}

export const DELIVERIES_PAGE_SIZE = 20;
export const DELIVERIES_POLL_MS = 2_000;

/**
 * Deliveries page by page ("Load more"), newest first. While any listed delivery is still on its
 * way the list polls, so that its status changes in place; once all have settled it stops.
 */
export function deliveryPagesQueryOptions(
  filters: DeliveryFilters,
  { pageSize = DELIVERIES_PAGE_SIZE, pollMs = DELIVERIES_POLL_MS } = {},
) {
  return infiniteQueryOptions({
    queryKey: deliveryKeys.pages({ ...filters }, pageSize),
    queryFn: ({ pageParam, signal }) =>
      getDeliveries({ ...filters, limit: pageSize, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some(isInFlight)) ? pollMs : false,
  });
}

export function useDeliveryPages(
  filters: DeliveryFilters,
  options?: Parameters<typeof deliveryPagesQueryOptions>[1],
) {
  return useInfiniteQuery(deliveryPagesQueryOptions(filters, options));
}

/** One page of deliveries; `pollEvery` decides from the latest answer when to ask again (false: stop). */
export function useDeliveries(
  filters: DeliveryFilters,
  { pollEvery }: { pollEvery?: (page: DeliveryPage | undefined) => number | false } = {},
) {
  return useQuery({
    ...deliveriesQueryOptions(filters),
    refetchInterval: pollEvery ? (query) => pollEvery(query.state.data) : false,
  });
}
