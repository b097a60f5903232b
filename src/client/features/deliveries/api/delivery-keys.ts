import type { DeliveryListQuery } from '@contract/deliveries';
import { livePrefixes, resourceKeys } from '@client/lib/query-keys';

/** A time range relative to now: the Deliveries page's presets. */
export const TIME_RANGES = ['1h', '24h', '7d'] as const;
export type TimeRange = (typeof TIME_RANGES)[number];

/**
 * What a list of deliveries is narrowed to (the cursor and page size are the query's own business).
 * `range` is relative ("the last 24 hours") and becomes `from` when a page is fetched, so that a list
 * refetched later still means "the last 24 hours"; `from`/`to` are a custom, fixed range.
 */
export type DeliveryFilters = Partial<
  Pick<
    DeliveryListQuery,
    | 'q'
    | 'status'
    | 'eventType'
    | 'webhookId'
    | 'agentId'
    | 'callId'
    | 'failureCategory'
    | 'from'
    | 'to'
  > & { range: TimeRange }
>;

export const deliveryKeys = {
  all: resourceKeys.deliveries,
  lists: () => livePrefixes.deliveryLists,
  list: (filters: DeliveryFilters) => [...deliveryKeys.lists(), filters] as const,
  pages: (filters: DeliveryFilters, pageSize: number) =>
    [...deliveryKeys.lists(), 'pages', pageSize, filters] as const,
  details: () => [...deliveryKeys.all, 'detail'] as const,
  detail: (deliveryId: string) => livePrefixes.deliveryDetail(deliveryId),
  call: (callId: string) => livePrefixes.call(callId),
};
