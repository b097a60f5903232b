import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequestNoContent } from '@client/lib/api-client';
import { apiKeyKeys } from './api-key-keys';

export function revokeApiKey(apiKeyId: string) {
  return apiRequestNoContent(`/api-keys/${encodeURIComponent(apiKeyId)}`, { method: 'DELETE' });
}

export function useRevokeApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: revokeApiKey,
    // The key stays listed, now with the time it was revoked.
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.lists() }),
  });
}
