import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiKeyListSchema } from '@contract/api-keys';
import { apiRequest } from '@client/lib/api-client';
import { apiKeyKeys } from './api-key-keys';

export function getApiKeys({ signal }: { signal?: AbortSignal } = {}) {
  return apiRequest('/api-keys', import.meta.env.DEV && ApiKeyListSchema, { signal });
}

export function apiKeysQueryOptions() {
  return queryOptions({ queryKey: apiKeyKeys.lists(), queryFn: getApiKeys });
}

export function useApiKeys() {
  return useQuery(apiKeysQueryOptions());
}
