import { useMutation, useQueryClient } from '@tanstack/react-query';
import { TestCallResponseSchema } from '@contract/deliveries';
import { apiRequest } from '@client/lib/api-client';
import { resourceKeys } from '@client/lib/query-keys';

export function makeTestCall(agentId: string) {
  return apiRequest(
    `/agents/${encodeURIComponent(agentId)}/test-call`,
    import.meta.env.DEV && TestCallResponseSchema,
    {
      method: 'POST',
    },
  );
}

/** Starts a synthetic call: the platform publishes its events over the next few seconds. */
export function useMakeTestCall(agentId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => makeTestCall(agentId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: resourceKeys.deliveries }),
  });
}
