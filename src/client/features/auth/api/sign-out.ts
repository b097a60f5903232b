import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequestNoContent } from '@client/lib/api-client';

export function signOut() {
  return apiRequestNoContent('/auth/logout', { method: 'POST' });
}

export function useSignOut({ onSignedOut }: { onSignedOut?: () => unknown } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signOut,
    meta: { handlesUnauthenticated: true },
    // Signed out either way: a 401 means the session had already ended.
    onSettled: async () => {
      // Leave the signed-in pages first: clearing the cache under them would make them refetch.
      await onSignedOut?.();
      queryClient.clear();
    },
  });
}
