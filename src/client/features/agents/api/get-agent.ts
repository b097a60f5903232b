import { queryOptions, useQuery } from '@tanstack/react-query';
import { AgentSchema } from '@contract/agents';
import { apiRequest } from '@client/lib/api-client';
import { agentKeys } from './agent-keys';

export function getAgent(agentId: string, { signal }: { signal?: AbortSignal } = {}) {
  return apiRequest(`/agents/${encodeURIComponent(agentId)}`, import.meta.env.DEV && AgentSchema, {
    signal,
  });
}

export function agentQueryOptions(agentId: string) {
  return queryOptions({
    queryKey: agentKeys.detail(agentId),
    queryFn: ({ signal }) => getAgent(agentId, { signal }),
  });
}

export function useAgent(agentId: string) {
  return useQuery(agentQueryOptions(agentId));
}
