/** What a component reads of the router: where the app is, its params, and how to move. */
import { use, useCallback, useEffect, useRef, useState } from 'react';
import { createPath, type Location, type Transition } from './history';
import { matchPath, resolveTo, type Params, type PathMatch } from './match';
import { LocationContext, RouteContext, RouterContext, type NavigateOptions } from './router';

function useRouter() {
  const router = use(RouterContext);
  if (!router) throw new Error('A router hook was used outside RouterProvider');
  return router;
}

function useRouterState() {
  const state = use(LocationContext);
  if (!state) throw new Error('A router hook was used outside RouterProvider');
  return state;
}

export function useLocation(): Location {
  return useRouterState().location;
}

/** The pathname the current route matched: what this route's relative links resolve from. */
function usePathnameBase(): string {
  const { matches, depth } = use(RouteContext);
  const { pathname } = useLocation();
  return matches[depth]?.pathnameBase ?? pathname;
}

export type NavigateFunction = (to: string | number, options?: NavigateOptions) => Promise<void>;

export function useNavigate(): NavigateFunction {
  const router = useRouter();
  const base = usePathnameBase();
  return useCallback(
    (to, options) => router.navigate(typeof to === 'number' ? to : resolveTo(to, base), options),
    [router, base],
  );
}

/** A link's `href`: `to` resolved against the route it is rendered in. */
export function useHref(to: string): string {
  return resolveTo(to, usePathnameBase());
}

export function useParams<T extends Params = Params>(): Partial<T> {
  const { matches, depth } = use(RouteContext);
  return (matches[depth]?.params ?? matches.at(-1)?.params ?? {}) as Partial<T>;
}

export function useMatch(pattern: string | { path: string; end?: boolean }): PathMatch | null {
  return matchPath(pattern, useLocation().pathname);
}

/** What the parent route passed to its `<Outlet context>`: the caller knows its type. */
export function useOutletContext(): unknown {
  return use(RouteContext).outletContext;
}

/** The error the nearest errorElement is showing. */
export function useRouteError(): unknown {
  return use(RouteContext).error;
}

export type SetSearchParams = (
  next:
    | URLSearchParams
    | string
    | Record<string, string>
    | ((previous: URLSearchParams) => URLSearchParams),
  options?: NavigateOptions,
) => void;

export function useSearchParams(): [URLSearchParams, SetSearchParams] {
  const location = useLocation();
  const router = useRouter();
  const searchParams = new URLSearchParams(location.search);
  const setSearchParams = useCallback<SetSearchParams>(
    (next, options) => {
      const current = router.state.location;
      const params = new URLSearchParams(
        typeof next === 'function' ? next(new URLSearchParams(current.search)) : next,
      );
      const search = params.toString();
      void router.navigate(
        createPath({ pathname: current.pathname, search: search ? `?${search}` : '', hash: '' }),
        options,
      );
    },
    [router],
  );
  return [searchParams, setSearchParams];
}

export type Blocker =
  { state: 'unblocked' } | { state: 'blocked'; proceed: () => void; reset: () => void };

/**
 * While `when` is true, navigations inside the app are held and the blocker turns `blocked`: the page
 * asks, then `proceed` makes the navigation or `reset` stays. Closing the tab or reloading cannot be held
 * by the app; the browser asks about those itself (beforeunload).
 */
export function useBlocker(when: boolean): Blocker {
  const router = useRouter();
  const [held, setHeld] = useState<Transition | null>(null);
  const unblock = useRef<(() => void) | null>(null);
  useEffect(() => {
    if (!when) return;
    unblock.current = router.block(setHeld);
    const onBeforeUnload = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      unblock.current?.();
      unblock.current = null;
      window.removeEventListener('beforeunload', onBeforeUnload);
      // A navigation held when the blocker is switched off (the edits were saved) is not asked about.
      setHeld(null);
    };
  }, [router, when]);
  if (!held) return { state: 'unblocked' };
  return {
    state: 'blocked',
    proceed: () => {
      unblock.current?.();
      unblock.current = null;
      setHeld(null);
      held.retry();
    },
    reset: () => setHeld(null),
  };
}
