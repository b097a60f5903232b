import {
  infiniteQueryOptions,
  queryOptions,
  useInfiniteQuery,
  useQuery,
} from '@tanstack/react-query';
import { DeliveryPageSchema, type DeliveryPage } from '@contract/deliveries';
import { apiRequest } from '@client/lib/api-client';
import { LIVE_FALLBACK_POLL_MS, useLiveUpdates } from '@client/lib/live-updates';
import { isInFlight } from '../utils/delivery-status';
import { deliveryKeys, type DeliveryFilters, type TimeRange } from './delivery-keys';

const RANGE_MS: Record<TimeRange, number> = {
  '1h': 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
};

export interface DeliveryPageRequest extends DeliveryFilters {
  cursor?: string;
  limit?: number;
}

export function getDeliveries(
  { range, ...request }: DeliveryPageRequest,
  { signal, now = Date.now() }: { signal?: AbortSignal; now?: number } = {},
) {
  const params = new URLSearchParams();
  // A relative range is "from now minus its length", worked out when the page is asked for.
  const query: Record<string, string | number | undefined> = range
    ? { ...request, from: new Date(now - RANGE_MS[range]).toISOString() }
    : request;
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.set(name, String(value));
  }
  return apiRequest(`/deliveries?${params.toString()}`, import.meta.env.DEV && DeliveryPageSchema, {
    signal,
  });
}

/**
 * Polls only as a fallback: while the live stream is down and something listed is still on its way.
 * With the stream up, changes arrive as events and nothing polls.
 */
function fallbackPoll(live: string, moving: boolean): number | false {
  return live !== 'open' && moving ? LIVE_FALLBACK_POLL_MS : false;
}

/** One page of deliveries, newest first: enough for one call's few deliveries. */
export function deliveriesQueryOptions(filters: DeliveryFilters, limit = 50) {
  return queryOptions({
    queryKey: [...deliveryKeys.list({ ...filters }), limit] as const,
    queryFn: ({ signal }) => getDeliveries({ ...filters, limit }, { signal }),
  });
}

export const DELIVERIES_PAGE_SIZE = 20;

/** Deliveries page by page (keyset: each page's `nextCursor` asks for the next), newest first. */
export function deliveryPagesQueryOptions(
  filters: DeliveryFilters,
  pageSize = DELIVERIES_PAGE_SIZE,
) {
  return infiniteQueryOptions({
    queryKey: deliveryKeys.pages({ ...filters }, pageSize),
    queryFn: ({ pageParam, signal }) =>
      getDeliveries({ ...filters, limit: pageSize, cursor: pageParam ?? undefined }, { signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
  });
}

/** Pages of deliveries, kept up to date by the live stream while the calling view is open. */
export function useDeliveryPages(
  filters: DeliveryFilters,
  { pageSize = DELIVERIES_PAGE_SIZE }: { pageSize?: number } = {},
) {
  const live = useLiveUpdates();
  return useInfiniteQuery({
    ...deliveryPagesQueryOptions(filters, pageSize),
    refetchInterval: (query) =>
      fallbackPoll(
        live,
        query.state.data?.pages.some((page) => page.items.some(isInFlight)) ?? false,
      ),
  });
}

/** One page of deliveries, kept up to date by the live stream while the calling view is open. */
export function useDeliveries(
  filters: DeliveryFilters,
  { moving }: { moving?: (page: DeliveryPage | undefined) => boolean } = {},
) {
  const live = useLiveUpdates();
  return useQuery({
    ...deliveriesQueryOptions(filters),
    refetchInterval: (query) =>
      fallbackPoll(
        live,
        (moving ?? ((page) => page?.items.some(isInFlight) ?? false))(query.state.data),
      ),
  });
}
