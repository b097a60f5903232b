import { Navigate, Outlet, useLocation, useNavigate } from '@client/lib/router';
import { AppShell } from '@client/components/layout/app-shell';
import { QueryError } from '@client/components/ui/query-error';
import { LoadingSkeleton } from '@client/components/ui/skeleton';
import { useSessionQuery } from '@client/features/auth/api/get-session';
import { useSignOut } from '@client/features/auth/api/sign-out';
import { useSignOutEverywhere } from '@client/features/auth/api/sign-out-everywhere';
import { isApiError } from '@client/lib/api-client';
import { SessionProvider } from '@client/lib/authorization';
import { paths } from '@client/lib/paths';

/** Everything behind sign-in: checks the session, then shows the shell around the page. */
export function AppRoot() {
  const session = useSessionQuery();
  const location = useLocation();
  const navigate = useNavigate();
  const signOut = useSignOut({
    onSignedOut: () => navigate(paths.signIn(), { replace: true }),
  });
  const signOutEverywhere = useSignOutEverywhere({
    onSignedOut: () => navigate(paths.signIn(), { replace: true }),
  });

  if (session.isPending) {
    return (
      <div className="flex min-h-screen items-start justify-center bg-gray-100 p-16">
        <div className="w-full max-w-xl">
          <LoadingSkeleton label="Loading Ringpost" />
        </div>
      </div>
    );
  }
  if (session.isError) {
    if (isApiError(session.error) && session.error.status === 401) {
      const here = `${location.pathname}${location.search}${location.hash}`;
      return <Navigate to={paths.signIn(here)} replace />;
    }
    return (
      <main className="flex min-h-screen items-start justify-center bg-gray-100 p-16">
        <div className="w-full max-w-xl">
          <QueryError
            title="Could not load your session"
            error={session.error}
            onRetry={session.refetch}
          />
        </div>
      </main>
    );
  }

  const { user, organisation } = session.data;
  return (
    <SessionProvider session={session.data}>
      <AppShell
        organisationName={organisation.name}
        user={user}
        onSignOut={() => signOut.mutate()}
        signingOut={signOut.isPending}
        signOutEverywhere={{
          run: () => signOutEverywhere.mutate(),
          pending: signOutEverywhere.isPending,
          error: signOutEverywhere.error,
          reset: signOutEverywhere.reset,
        }}
      >
        <Outlet />
      </AppShell>
    </SessionProvider>
  );
}
