import { resourceKeys } from '@client/lib/query-keys';

export const apiKeyKeys = {
  all: resourceKeys.apiKeys,
  lists: () => [...apiKeyKeys.all, 'list'] as const,
};
