import type { DeliveryListQuery } from '@contract/deliveries';
import { resourceKeys } from '@client/lib/query-keys';

/** What a list of deliveries is narrowed to (the cursor and page size are the query's own business). */
export type DeliveryFilters = Partial<
  Pick<DeliveryListQuery, 'status' | 'eventType' | 'webhookId' | 'agentId' | 'callId'>
>;

export const deliveryKeys = {
  all: resourceKeys.deliveries,
  lists: () => [...deliveryKeys.all, 'list'] as const,
  list: (filters: DeliveryFilters) => [...deliveryKeys.lists(), filters] as const,
  pages: (filters: DeliveryFilters, pageSize: number) =>
    [...deliveryKeys.lists(), 'pages', pageSize, filters] as const,
  details: () => [...deliveryKeys.all, 'detail'] as const,
  detail: (deliveryId: string) => [...deliveryKeys.details(), deliveryId] as const,
};
