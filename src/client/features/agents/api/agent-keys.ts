import { resourceKeys } from '@client/lib/query-keys';

export const agentKeys = {
  all: resourceKeys.agents,
  lists: () => [...agentKeys.all, 'list'] as const,
  details: () => [...agentKeys.all, 'detail'] as const,
  detail: (agentId: string) => [...agentKeys.details(), agentId] as const,
};
