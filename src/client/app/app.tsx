import { RouterProvider } from '@client/lib/router';
import { createQueryClient } from '@client/lib/query-client';
import { paths } from '@client/lib/paths';
import { AppProvider } from './provider';
import { createAppRouter } from './router';

const router = createAppRouter();

/** Any 401 means the session is gone: sign in again, then come back to the same place. */
function onUnauthenticated() {
  const { pathname, search, hash } = router.state.location;
  if (pathname === '/sign-in') return;
  void router.navigate(paths.signIn(`${pathname}${search}${hash}`), { replace: true });
}

const queryClient = createQueryClient({ onUnauthenticated });

export function App() {
  return (
    <AppProvider queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProvider>
  );
}
