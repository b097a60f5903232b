import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequestNoContent } from '@client/lib/api-client';
import { resourceKeys } from '@client/lib/query-keys';
import { agentKeys } from './agent-keys';
import { agentQueryOptions } from './get-agent';

export function deleteAgentWebhook(agentId: string) {
  return apiRequestNoContent(`/agents/${encodeURIComponent(agentId)}/webhook-subscriptions`, {
    method: 'DELETE',
  });
}

/** Removes an agent's webhook; used on the agent's Webhook tab and, through the route, on an endpoint's page. */
export function useDeleteAgentWebhook() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (agentId: string) => deleteAgentWebhook(agentId),
    onSuccess: (_data, agentId) => {
      const key = agentQueryOptions(agentId).queryKey;
      queryClient.setQueryData(key, (agent) => (agent ? { ...agent, webhook: null } : agent));
    },
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: agentKeys.all }),
        queryClient.invalidateQueries({ queryKey: resourceKeys.webhooks }),
      ]);
    },
  });
}
