import { useMutation, useQueryClient } from '@tanstack/react-query';
import { CreatedApiKeySchema, type CreateApiKeyRequest } from '@contract/api-keys';
import { apiRequest } from '@client/lib/api-client';
import { apiKeyKeys } from './api-key-keys';
import { apiKeysQueryOptions } from './get-api-keys';

export function createApiKey(body: CreateApiKeyRequest) {
  return apiRequest('/api-keys', import.meta.env.DEV && CreatedApiKeySchema, {
    method: 'POST',
    body,
  });
}

/** The answer holds the whole key; only the list entry (without it) is kept in the cache. */
export function useCreateApiKey() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createApiKey,
    // Forget the answer (and the key in it) as soon as the dialog lets go of it.
    gcTime: 0,
    onSuccess: ({ key: _key, ...created }) => {
      queryClient.setQueryData(apiKeysQueryOptions().queryKey, (list) =>
        list ? { items: [created, ...list.items.filter((k) => k.id !== created.id)] } : list,
      );
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: apiKeyKeys.lists() }),
  });
}
