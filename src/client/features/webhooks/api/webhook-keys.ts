import { resourceKeys } from '@client/lib/query-keys';

export const webhookKeys = {
  all: resourceKeys.webhooks,
  lists: () => [...webhookKeys.all, 'list'] as const,
  details: () => [...webhookKeys.all, 'detail'] as const,
  detail: (webhookId: string) => [...webhookKeys.details(), webhookId] as const,
};
