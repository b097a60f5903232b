import { queryOptions, useQuery } from '@tanstack/react-query';
import { SessionSchema } from '@contract/auth';
import { apiRequest } from '@client/lib/api-client';
import { authKeys } from './auth-keys';

export function getSession({ signal }: { signal?: AbortSignal } = {}) {
  return apiRequest('/auth/me', import.meta.env.DEV && SessionSchema, { signal });
}

export function sessionQueryOptions() {
  return queryOptions({
    queryKey: authKeys.session(),
    queryFn: getSession,
    // The root route turns a 401 here into the sign-in page itself.
    meta: { handlesUnauthenticated: true },
    staleTime: 5 * 60_000,
  });
}

export function useSessionQuery() {
  return useQuery(sessionQueryOptions());
}
