/**
 * Who is signed in, for every part of the app that adapts to the role. The app's root route loads
 * the session (auth feature) and provides it here, so other features can ask "may this user change
 * webhooks?" without importing the auth feature.
 */
import { createContext, use, type ReactNode } from 'react';
import type { Session } from '@contract/auth';

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ session, children }: { session: Session; children: ReactNode }) {
  return <SessionContext value={session}>{children}</SessionContext>;
}

export function useSession(): Session {
  const session = use(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider above it');
  return session;
}

/**
 * What the signed-in role may do. The server enforces the same rules; this only keeps the UI from
 * offering controls that would be refused.
 */
export function usePermissions() {
  const { user } = useSession();
  const isAdmin = user.role === 'admin';
  // Support staff read everything and may also send tests and redeliver; viewers only read.
  const isAdminOrSupport = isAdmin || user.role === 'support';
  return {
    canChangeWebhooks: isAdmin,
    canChangeAgents: isAdmin,
    canSeeSecrets: isAdmin,
    canManageApiKeys: isAdmin,
    /** Test events, signature self-tests, test calls and replays of skipped deliveries. */
    canSendTests: isAdminOrSupport,
    canRedeliver: isAdminOrSupport,
  };
}

export const ADMIN_ONLY = {
  webhooks: 'Only admins can change webhooks',
  agents: 'Only admins can change agents',
  apiKeys: 'Only admins can create or revoke API keys',
} as const;

/** Why a viewer sees a testing or redelivery control disabled. */
export const ADMIN_OR_SUPPORT_ONLY = {
  tests: 'Only admins and support staff can send tests',
  redeliver: 'Only admins and support staff can redeliver',
} as const;
