/**
 * The app's router: a route tree with lazy pages, rendered for the history's location. It replaces
 * React Router's data mode, which was 29 KiB of the first load's 138 (docs/decisions/0020): Ringpost
 * uses routes, nested layouts, params, search params, lazy pages and error pages, and none of the data
 * APIs (loaders, actions, fetchers) that made it heavy.
 *
 * A navigation loads the new page's code first and only then shows it, so the page a person leaves
 * stays on screen meanwhile (as data mode did); a page whose code fails to load, or that throws while
 * rendering, shows its route's `errorElement`.
 */
import {
  Component,
  createContext,
  use,
  useSyncExternalStore,
  type ReactElement,
  type ReactNode,
} from 'react';
import {
  createBrowserHistory,
  createMemoryHistory,
  createPath,
  parsePath,
  type History,
  type HistoryAction,
  type Location,
  type Transition,
} from './history';
import { matchRoutes, resolveTo, type RouteMatch, type RouteObject } from './match';

export interface NavigateOptions {
  replace?: boolean;
  state?: unknown;
}

export interface RouterState {
  location: Location;
  historyAction: HistoryAction;
  /** What the location shows, root first; null when no route matches. */
  matches: RouteMatch[] | null;
  /** The code of a route on the way failed to load: shown by the nearest errorElement. */
  error: { route: RouteObject; error: unknown } | null;
  /** False until the first location's code has loaded. */
  initialized: boolean;
}

export interface Router {
  readonly routes: readonly RouteObject[];
  readonly state: RouterState;
  navigate(to: string | number, options?: NavigateOptions): Promise<void>;
  subscribe(listener: (state: RouterState) => void): () => void;
  /** Holds every navigation back while registered (useBlocker): see History.block. */
  block(blocker: (transition: Transition) => void): () => void;
}

/** Each route's page as an element, made once: from its `Component`, or from its code once loaded. */
const loaded = new WeakMap<RouteObject, ReactElement>();

/** Loads the matched routes' code; resolves with the route whose code failed, if one did. */
async function loadMatches(
  matches: RouteMatch[] | null,
): Promise<{ route: RouteObject; error: unknown } | null> {
  if (!matches) return null;
  const results = await Promise.all(
    matches.map(async ({ route }) => {
      if (!route.lazy || loaded.has(route)) return null;
      try {
        const { Component: Page } = await route.lazy();
        loaded.set(route, <Page />);
        return null;
      } catch (error) {
        return { route, error };
      }
    }),
  );
  return results.find((result) => result !== null) ?? null;
}

/** What a route shows, once its code is in. */
function elementOf(route: RouteObject): ReactNode {
  if (route.element !== undefined) return route.element;
  const Page = route.Component;
  if (Page && !loaded.has(route)) loaded.set(route, <Page />);
  return loaded.get(route) ?? null;
}

function createRouter(routes: readonly RouteObject[], history: History): Router {
  const listeners = new Set<(state: RouterState) => void>();
  let state: RouterState = {
    location: history.location,
    historyAction: history.action,
    matches: matchRoutes(routes, history.location.pathname),
    error: null,
    initialized: false,
  };
  // Only the newest navigation may show its page: an older one whose code arrives late is dropped.
  let pending = 0;
  /** Shows the history's location once its code is in: at once when it already is. */
  const settle = (): Promise<void> => {
    const ticket = ++pending;
    const location = history.location;
    const matches = matchRoutes(routes, location.pathname);
    const commit = (error: RouterState['error']) => {
      if (ticket !== pending) return;
      state = { location, historyAction: history.action, matches, error, initialized: true };
      for (const listener of [...listeners]) listener(state);
    };
    if (!matches?.some(({ route }) => route.lazy && !loaded.has(route))) {
      commit(null);
      return Promise.resolve();
    }
    return loadMatches(matches).then(commit);
  };
  let settling = settle();
  history.listen(() => {
    settling = settle();
  });
  return {
    routes,
    get state() {
      return state;
    },
    navigate(to, options = {}) {
      // A memory history moves at once, and its navigation's promise waits for the page to show; the
      // browser's back and forward arrive later, as popstate.
      if (typeof to === 'number') history.go(to);
      else {
        const path = createPath(parsePath(resolveTo(to, state.location.pathname)));
        if (options.replace) history.replace(path, options.state);
        else history.push(path, options.state);
      }
      return settling;
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    block: (blocker) => history.block(blocker),
  };
}

export const createBrowserRouter = (routes: RouteObject[]) =>
  createRouter(routes, createBrowserHistory());

export const createMemoryRouter = (
  routes: RouteObject[],
  options: { initialEntries?: string[] } = {},
) => createRouter(routes, createMemoryHistory(options.initialEntries));

export interface RouteContextValue {
  matches: RouteMatch[];
  /** This level's index in `matches`; -1 above the first. */
  depth: number;
  outletContext: unknown;
  error: unknown;
}

export const RouterContext = createContext<Router | null>(null);
export const LocationContext = createContext<RouterState | null>(null);
export const RouteContext = createContext<RouteContextValue>({
  matches: [],
  depth: -1,
  outletContext: undefined,
  error: undefined,
});

/** A route whose code failed to load, by depth: RouteLevel shows its errorElement there. */
const LoadErrorContext = createContext<{ depth: number; error: unknown } | null>(null);

export function RouterProvider({ router }: { router: Router }) {
  const state = useSyncExternalStore(
    (onChange) => router.subscribe(onChange),
    () => router.state,
  );
  const { matches } = state;
  let body: ReactNode;
  if (!state.initialized) {
    const fallback = matches?.find(({ route }) => route.hydrateFallbackElement !== undefined);
    body = fallback?.route.hydrateFallbackElement ?? null;
  } else if (state.error && matches) {
    // The routes above the one whose code failed have theirs, so they render as usual (the app's
    // shell stays); the nearest errorElement at or above the failed route takes that route's place.
    const failed = matches.findIndex(({ route }) => route === state.error?.route);
    const at = nearestErrorElement(matches, failed);
    body =
      at === 0 ? (
        renderError(matches, 0, state.error.error)
      ) : (
        <LoadErrorContext value={{ depth: at, error: state.error.error }}>
          <RouteLevel matches={matches} depth={0} outletContext={undefined} />
        </LoadErrorContext>
      );
  } else {
    body = matches ? <RouteLevel matches={matches} depth={0} outletContext={undefined} /> : null;
  }
  return (
    <RouterContext value={router}>
      <LocationContext value={state}>{body}</LocationContext>
    </RouterContext>
  );
}

/** Where a load error shows: the depth of the nearest errorElement at or above `depth`; 0 if none. */
function nearestErrorElement(matches: RouteMatch[], depth: number): number {
  for (let i = Math.min(depth, matches.length - 1); i >= 0; i--)
    if (matches[i]?.route.errorElement) return i;
  return 0;
}

/** The nearest errorElement at or above `depth`, showing `error`. */
function renderError(matches: RouteMatch[], depth: number, error: unknown): ReactNode {
  const at = nearestErrorElement(matches, depth);
  const element = matches[at]?.route.errorElement;
  if (!element) throw error;
  return (
    <RouteContext value={{ matches, depth: at, outletContext: undefined, error }}>
      {element}
    </RouteContext>
  );
}

/** One route of the matched chain, inside an error boundary when it has an errorElement. */
export function RouteLevel({
  matches,
  depth,
  outletContext,
}: {
  matches: RouteMatch[];
  depth: number;
  outletContext: unknown;
}) {
  const match = matches[depth];
  const loadError = use(LoadErrorContext);
  if (!match) return null;
  if (loadError?.depth === depth) {
    return (
      <RouteContext value={{ matches, depth, outletContext, error: loadError.error }}>
        {match.route.errorElement}
      </RouteContext>
    );
  }
  const content = elementOf(match.route);
  const level = (
    <RouteContext value={{ matches, depth, outletContext, error: undefined }}>
      {content}
    </RouteContext>
  );
  if (!match.route.errorElement) return level;
  return (
    <RouteErrorBoundary
      resetKey={matches.map((m) => m.pathnameBase).join('|')}
      fallback={(error) => (
        <RouteContext value={{ matches, depth, outletContext, error }}>
          {match.route.errorElement}
        </RouteContext>
      )}
    >
      {level}
    </RouteErrorBoundary>
  );
}

interface BoundaryProps {
  resetKey: string;
  fallback: (error: unknown) => ReactNode;
  children: ReactNode;
}

/** Shows the route's error page for an error thrown while rendering; a new location tries again. */
class RouteErrorBoundary extends Component<
  BoundaryProps,
  { error: unknown; resetKey: string; failed: boolean }
> {
  override state = { error: undefined as unknown, resetKey: this.props.resetKey, failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  static getDerivedStateFromProps(props: BoundaryProps, state: { resetKey: string }) {
    return props.resetKey === state.resetKey
      ? null
      : { error: undefined, failed: false, resetKey: props.resetKey };
  }

  override render() {
    return this.state.failed ? this.props.fallback(this.state.error) : this.props.children;
  }
}
