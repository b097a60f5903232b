import { queryOptions, useQuery } from '@tanstack/react-query';
import { AgentListSchema } from '@contract/agents';
import { apiRequest } from '@client/lib/api-client';
import { agentKeys } from './agent-keys';

export function getAgents({ signal }: { signal?: AbortSignal } = {}) {
  return apiRequest('/agents', import.meta.env.DEV && AgentListSchema, { signal });
}

export function agentsQueryOptions() {
  return queryOptions({ queryKey: agentKeys.lists(), queryFn: getAgents });
}

export function useAgents() {
  return useQuery(agentsQueryOptions());
}
