import { useMutation, useQueryClient } from '@tanstack/react-query';
import { AgentSchema, type PutAgentWebhookRequest } from '@contract/agents';
import { sortEventTypes } from '@contract/event-type-info';
import type { WebhookSummary } from '@contract/webhooks';
import { apiRequest } from '@client/lib/api-client';
import { resourceKeys } from '@client/lib/query-keys';
import { agentKeys } from './agent-keys';
import { agentQueryOptions } from './get-agent';

export function putAgentWebhook(agentId: string, body: PutAgentWebhookRequest) {
  return apiRequest(
    `/agents/${encodeURIComponent(agentId)}/webhook-subscriptions`,
    import.meta.env.DEV && AgentSchema,
    {
      method: 'PUT',
      body,
    },
  );
}

export interface PutAgentWebhookVariables {
  body: PutAgentWebhookRequest;
  /** The chosen endpoint as the list showed it, so the tab can show it before the server answers. */
  endpoint: Pick<WebhookSummary, 'url' | 'status' | 'disabledReason' | 'disabledAt'>;
}

/**
 * Saves the agent's webhook optimistically: the Webhook tab shows the new configuration at once,
 * and goes back to the old one if the server refuses.
 */
export function usePutAgentWebhook(agentId: string) {
  const queryClient = useQueryClient();
  const detailKey = agentQueryOptions(agentId).queryKey;
  return useMutation({
    mutationFn: ({ body }: PutAgentWebhookVariables) => putAgentWebhook(agentId, body),
    onMutate: async ({ body, endpoint }) => {
      // A refetch landing after the optimistic write would overwrite it with the old data.
      await queryClient.cancelQueries({ queryKey: detailKey });
      const previous = queryClient.getQueryData(detailKey);
      if (previous) {
        queryClient.setQueryData(detailKey, {
          ...previous,
          webhook: {
            webhookId: body.webhookId,
            url: endpoint.url,
            status: endpoint.status,
            disabledReason: endpoint.disabledReason,
            disabledAt: endpoint.disabledAt,
            eventTypes: sortEventTypes(body.eventTypes),
            updatedAt: new Date().toISOString(),
          },
        });
      }
      return { previous };
    },
    onError: (_error, _variables, context) => {
      if (context?.previous) queryClient.setQueryData(detailKey, context.previous);
    },
    onSuccess: (agent) => {
      queryClient.setQueryData(detailKey, agent);
    },
    onSettled: () => {
      // Not awaited: the dialog may close as soon as the server has answered.
      void queryClient.invalidateQueries({ queryKey: agentKeys.all });
      void queryClient.invalidateQueries({ queryKey: resourceKeys.webhooks });
    },
  });
}
