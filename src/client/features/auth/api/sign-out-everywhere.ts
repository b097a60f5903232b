import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequestNoContent, isApiError } from '@client/lib/api-client';

/** Ends every session of the signed-in user, on every device, this one included. */
export function signOutEverywhere() {
  return apiRequestNoContent('/auth/logout-all', { method: 'POST' });
}

export function useSignOutEverywhere({ onSignedOut }: { onSignedOut?: () => unknown } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await signOutEverywhere();
      } catch (error) {
        // A 401 means this session had already ended; any other failure may have left the others.
        if (!(isApiError(error) && error.status === 401)) throw error;
      }
    },
    meta: { handlesUnauthenticated: true },
    onSuccess: async () => {
      // Leave the signed-in pages first: clearing the cache under them would make them refetch.
      await onSignedOut?.();
      queryClient.clear();
    },
  });
}
