/**
 * The router on its own: which route a path shows, how links and redirects resolve, that a lazy page
 * keeps the page a person leaves on screen until its code is in, and that a page which cannot load or
 * render shows its route's error page.
 */
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import {
  Link,
  Navigate,
  NavLink,
  Outlet,
  RouterProvider,
  createMemoryRouter,
  useLocation,
  useParams,
  useRouteError,
  useSearchParams,
  type RouteObject,
} from '.';
import { matchPath, matchRoutes, resolveTo } from './match';

function Where() {
  const location = useLocation();
  const params = useParams();
  return (
    <p data-testid="where">
      {location.pathname}
      {location.search} {JSON.stringify(params)}
    </p>
  );
}

function ShowError() {
  const error = useRouteError();
  return <p role="alert">{error instanceof Error ? error.message : 'unknown'}</p>;
}

const paths = (routes: RouteObject[], pathname: string) =>
  matchRoutes(routes, pathname)?.map((m) => m.route.path ?? (m.route.index ? '(index)' : '?'));

describe('matching', () => {
  const routes: RouteObject[] = [
    {
      path: '/',
      children: [
        { index: true },
        { path: 'webhooks/:webhookId' },
        { path: 'webhooks/new' },
        { path: 'deliveries', children: [{ path: ':deliveryId' }] },
        { path: '*' },
      ],
    },
  ];

  it('prefers a fixed segment to a param, and a param to a splat, whatever the order', () => {
    expect(paths(routes, '/webhooks/new')).toEqual(['/', 'webhooks/new']);
    expect(paths(routes, '/webhooks/w1')).toEqual(['/', 'webhooks/:webhookId']);
    expect(paths(routes, '/')).toEqual(['/', '(index)']);
    expect(paths(routes, '/nothing/here')).toEqual(['/', '*']);
  });

  it('matches a parent on its own path, and through its child below it', () => {
    expect(paths(routes, '/deliveries')).toEqual(['/', 'deliveries']);
    expect(paths(routes, '/deliveries/d1')).toEqual(['/', 'deliveries', ':deliveryId']);
    expect(matchRoutes(routes, '/deliveries/d%201')?.at(-1)?.params).toEqual({
      deliveryId: 'd 1',
    });
  });

  it('matches patterns exactly or as a prefix, and resolves relative paths', () => {
    expect(matchPath('/deliveries/:id', '/deliveries/d1')?.params).toEqual({ id: 'd1' });
    expect(matchPath('/deliveries/:id', '/deliveries/d1/more')).toBeNull();
    expect(matchPath({ path: '/deliveries', end: false }, '/deliveries/d1')).not.toBeNull();
    expect(matchPath({ path: '/deliver', end: false }, '/deliveries')).toBeNull();
    expect(resolveTo('general', '/agents/a1')).toBe('/agents/a1/general');
    expect(resolveTo('../b', '/agents/a1')).toBe('/agents/b');
    expect(resolveTo('?q=1', '/deliveries')).toBe('/deliveries?q=1');
    expect(resolveTo('/webhooks', '/agents/a1')).toBe('/webhooks');
  });
});

describe('RouterProvider', () => {
  it('renders nested routes, redirects relative to the route, and follows links', async () => {
    const router = createMemoryRouter(
      [
        {
          path: '/agents/:agentId',
          element: (
            <>
              <NavLink to="general">General</NavLink>
              <NavLink to="webhook">Webhook</NavLink>
              <Outlet context="from the layout" />
            </>
          ),
          children: [
            { index: true, element: <Navigate to="general" replace /> },
            { path: 'general', element: <Where /> },
            { path: 'webhook', element: <Link to="/other?x=1">Elsewhere</Link> },
          ],
        },
        { path: '*', element: <Where /> },
      ],
      { initialEntries: ['/agents/a1'] },
    );
    render(<RouterProvider router={router} />);

    expect(await screen.findByTestId('where')).toHaveTextContent(
      '/agents/a1/general {"agentId":"a1"}',
    );
    expect(router.state.historyAction).toBe('REPLACE');
    expect(screen.getByRole('link', { name: 'General' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Webhook' })).not.toHaveAttribute('aria-current');

    const user = userEvent.setup();
    await user.click(screen.getByRole('link', { name: 'Webhook' }));
    await user.click(await screen.findByRole('link', { name: 'Elsewhere' }));
    expect(await screen.findByTestId('where')).toHaveTextContent('/other?x=1 {"*":"other"}');
    expect(router.state.historyAction).toBe('PUSH');

    await act(() => router.navigate(-1));
    expect(await screen.findByRole('link', { name: 'Elsewhere' })).toBeInTheDocument();

    // A link to where the app already is adds no entry that Back would have to undo.
    await user.click(screen.getByRole('link', { name: 'Webhook' }));
    expect(router.state.historyAction).toBe('REPLACE');
    await act(() => router.navigate(-1));
    expect(await screen.findByTestId('where')).toHaveTextContent('/agents/a1/general');
  });

  it('sets search params as a new history entry, or in place when asked', async () => {
    function Search() {
      const [params, setParams] = useSearchParams();
      return (
        <>
          <p>q={params.get('q')}</p>
          <button onClick={() => setParams({ q: 'two' })}>push</button>
          <button onClick={() => setParams((p) => (p.set('q', 'three'), p), { replace: true })}>
            replace
          </button>
        </>
      );
    }
    const router = createMemoryRouter([{ path: '/s', element: <Search /> }], {
      initialEntries: ['/s?q=one'],
    });
    render(<RouterProvider router={router} />);
    const user = userEvent.setup();
    expect(screen.getByText('q=one')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'push' }));
    expect(screen.getByText('q=two')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'replace' }));
    expect(screen.getByText('q=three')).toBeInTheDocument();
    await act(() => router.navigate(-1));
    expect(screen.getByText('q=one')).toBeInTheDocument();
  });

  it('keeps the page on screen until the next page’s code is in', async () => {
    let arrive: (page: { Component: () => React.ReactNode }) => void = () => undefined;
    const router = createMemoryRouter(
      [
        { path: '/a', element: <Link to="/b">To B</Link> },
        {
          path: '/b',
          lazy: () => new Promise((resolve) => (arrive = resolve)),
        },
      ],
      { initialEntries: ['/a'] },
    );
    render(<RouterProvider router={router} />);
    await userEvent.setup().click(screen.getByRole('link', { name: 'To B' }));
    expect(screen.getByRole('link', { name: 'To B' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/a');

    act(() => arrive({ Component: () => <p>Page B</p> }));
    expect(await screen.findByText('Page B')).toBeInTheDocument();
  });

  it('shows the route’s error page when a page cannot load, or throws while rendering', async () => {
    function Broken(): React.ReactNode {
      throw new Error('render failed');
    }
    const router = createMemoryRouter(
      [
        {
          path: '/',
          errorElement: <ShowError />,
          element: <Outlet />,
          children: [
            { path: 'missing', lazy: () => Promise.reject(new Error('chunk failed')) },
            { path: 'broken', element: <Broken /> },
            { path: 'fine', element: <p>Fine</p> },
          ],
        },
      ],
      { initialEntries: ['/missing'] },
    );
    // React reports the caught render error on the console; the page is what matters here.
    const quiet = console.error;
    console.error = () => undefined;
    try {
      render(<RouterProvider router={router} />);
      expect(await screen.findByRole('alert')).toHaveTextContent('chunk failed');
      await act(() => router.navigate('/broken'));
      expect(await screen.findByRole('alert')).toHaveTextContent('render failed');
      await act(() => router.navigate('/fine'));
      expect(await screen.findByText('Fine')).toBeInTheDocument();
    } finally {
      console.error = quiet;
    }
  });
});

describe('blocking navigation', () => {
  it('holds links, navigate and Back while a blocker is on; retry makes the held one once it is off', async () => {
    const router = createMemoryRouter([{ path: '*', element: <Where /> }], {
      initialEntries: ['/first', '/second'],
    });
    render(<RouterProvider router={router} />);
    const held: (() => void)[] = [];
    const unblock = router.block((transition) => held.push(() => transition.retry()));

    await act(() => router.navigate('/third'));
    await act(() => router.navigate(-1));
    expect(screen.getByTestId('where')).toHaveTextContent('/second');
    expect(held).toHaveLength(2);

    unblock();
    act(() => held[1]?.());
    expect(screen.getByTestId('where')).toHaveTextContent('/first');
    await act(() => router.navigate('/third'));
    expect(screen.getByTestId('where')).toHaveTextContent('/third');
  });
});

describe('a page whose code cannot load, under a layout', () => {
  it('shows its own error element inside the layout, which stays', async () => {
    const router = createMemoryRouter(
      [
        {
          path: '/',
          errorElement: <p>The whole app failed</p>,
          element: (
            <div>
              <nav>The shell</nav>
              <Outlet />
            </div>
          ),
          children: [
            {
              path: 'page',
              errorElement: <ShowError />,
              lazy: () => Promise.reject(new Error('chunk failed')),
            },
          ],
        },
      ],
      { initialEntries: ['/page'] },
    );
    render(<RouterProvider router={router} />);
    expect(await screen.findByRole('alert')).toHaveTextContent('chunk failed');
    expect(screen.getByRole('navigation')).toHaveTextContent('The shell');
    expect(screen.queryByText('The whole app failed')).not.toBeInTheDocument();
  });
});
