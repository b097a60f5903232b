import { useMutation, useQueryClient } from '@tanstack/react-query';
import { SessionSchema, type LoginRequest, type Session } from '@contract/auth';
import { apiRequest } from '@client/lib/api-client';
import { authKeys } from './auth-keys';

export function signIn(body: LoginRequest) {
  return apiRequest('/auth/login', import.meta.env.DEV && SessionSchema, { method: 'POST', body });
}

export function useSignIn({ onSuccess }: { onSuccess?: (session: Session) => void } = {}) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: signIn,
    // A 401 here means wrong credentials, not a lost session.
    meta: { handlesUnauthenticated: true },
    onSuccess: (session) => {
      // Whatever is cached belongs to the previous session (maybe another user): start clean.
      queryClient.clear();
      queryClient.setQueryData(authKeys.session(), session);
      onSuccess?.(session);
    },
  });
}
