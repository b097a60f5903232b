/**
 * Renders a piece of the app the way the app runs it: a query client (retries off, so a failure
 * shows at once), the toast region, a signed-in session, and a memory data router at a chosen URL.
 */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import {
  RouterProvider,
  createMemoryRouter,
  useLocation,
  type RouteObject,
} from '@client/lib/router';
import type { Role } from '@contract/auth';
import { ToastProvider } from '@client/components/ui/toast';
import { SessionProvider } from '@client/lib/authorization';
import { createQueryClient } from '@client/lib/query-client';
import { signInMockUser, toSession } from './mocks/mock-db';

export function createTestQueryClient(): QueryClient {
  const queryClient = createQueryClient();
  queryClient.setDefaultOptions({
    queries: { ...queryClient.getDefaultOptions().queries, retry: false },
    mutations: { retry: false },
  });
  return queryClient;
}

/** Where the router went, for tests that check a navigation. */
function LocationProbe() {
  const location = useLocation();
  return <p data-testid="location">{`${location.pathname}${location.search}`}</p>;
}

export interface RenderOptions {
  /** The route pattern `ui` is mounted at, e.g. `/agents/:agentId/webhook`. */
  path?: string;
  /** The URL to start at; defaults to `path`. */
  url?: string;
  /** Who is signed in (in the mock database and the session context); null for nobody. */
  signedInAs?: Role | null;
  queryClient?: QueryClient;
  /** More routes beside `ui` (anything else lands on a probe showing the location). */
  routes?: RouteObject[];
  /** Nested routes under `ui`'s route, for a layout route that renders an `<Outlet>`. */
  children?: RouteObject[];
}

export function renderWithProviders(
  ui: ReactNode,
  {
    path = '/',
    url = path,
    signedInAs = 'admin',
    queryClient = createTestQueryClient(),
    routes = [],
    children,
  }: RenderOptions = {},
) {
  const user = signedInAs ? signInMockUser(signedInAs) : null;
  const element = user ? <SessionProvider session={toSession(user)}>{ui}</SessionProvider> : ui;
  const router = createMemoryRouter(
    [{ path, element, children }, ...routes, { path: '*', element: <LocationProbe /> }],
    { initialEntries: [url] },
  );
  const result = render(
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <RouterProvider router={router} />
      </ToastProvider>
    </QueryClientProvider>,
  );
  return { ...result, user: userEvent.setup(), router, queryClient };
}
