import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AgentSchema, type UpdateAgentRequest } from '@contract/agents';
import { apiRequest } from '@client/lib/api-client';
import { resourceKeys } from '@client/lib/query-keys';
import { agentKeys } from './agent-keys';
import { agentQueryOptions } from './get-agent';

export function updateAgent(agentId: string, body: UpdateAgentRequest) {
  return apiRequest(`/agents/${encodeURIComponent(agentId)}`, import.meta.env.DEV && AgentSchema, {
    method: 'PATCH',
    body,
  });
}

export function useUpdateAgent(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateAgentRequest) => updateAgent(agentId, body),
    onSuccess: (agent) => {
      queryClient.setQueryData(agentQueryOptions(agentId).queryKey, agent);
    },
    onSettled: async () => {
      // Webhook pages show agent names in their subscriptions.
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: agentKeys.all }),
        queryClient.invalidateQueries({ queryKey: resourceKeys.webhooks }),
      ]);
    },
  });
}
