import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: QueryMeta;
    mutationMeta: QueryMeta;
  }
}

interface QueryMeta extends Record<string, unknown> {
  /** This query or mutation handles a 401 itself (the session check, the sign-in form). */
  handlesUnauthenticated?: boolean;
}

/** Answers that another try cannot change. */
const FINAL_STATUSES = new Set([400, 401, 403, 404, 409, 422, 429]);

export interface QueryClientOptions {
  /** Called when any request learns that the session is gone. */
  onUnauthenticated?: () => void;
}

export function createQueryClient({ onUnauthenticated }: QueryClientOptions = {}) {
  const handle = (error: unknown, meta: QueryMeta | undefined) => {
    if (isApiError(error) && error.status === 401 && !meta?.handlesUnauthenticated) {
      onUnauthenticated?.();
    }
  };
  return new QueryClient({
    queryCache: new QueryCache({ onError: (error, query) => handle(error, query.meta) }),
    mutationCache: new MutationCache({
      onError: (error, _variables, _context, mutation) => handle(error, mutation.meta),
    }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        retry: (failureCount, error) =>
          !(isApiError(error) && FINAL_STATUSES.has(error.status)) && failureCount < 2,
      },
    },
  });
}
