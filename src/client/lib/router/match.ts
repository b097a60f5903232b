/**
 * Which routes a pathname shows: the route tree flattened into branches (root to leaf), each matched
 * against the pathname, the most specific winning — a fixed segment before a `:param`, a `:param`
 * before `*` — so `webhooks/new` beats `webhooks/:webhookId` wherever either is declared.
 */
import type { ComponentType, ReactNode } from 'react';

export interface RouteObject {
  path?: string;
  index?: boolean;
  element?: ReactNode;
  Component?: ComponentType;
  /** The route's code, loaded before it is first shown; the page stays as it was meanwhile. */
  lazy?: () => Promise<{ Component: ComponentType }>;
  /** Shown instead of this route's subtree when it fails to load or render (useRouteError). */
  errorElement?: ReactNode;
  /** Shown while the first page's code loads, before anything else has been shown. */
  hydrateFallbackElement?: ReactNode;
  children?: RouteObject[];
}

export type Params = Record<string, string>;

export interface RouteMatch {
  route: RouteObject;
  params: Params;
  /** The part of the pathname this route and its parents matched: what relative links resolve from. */
  pathnameBase: string;
}

export interface PathMatch {
  params: Params;
  pathname: string;
}

const segmentsOf = (path: string) => path.split('/').filter(Boolean);

/**
 * Matches `pathname` against `pattern` (`/deliveries/:deliveryId`, `/agents/*`); with `end: false`
 * the pattern may match only the start of the pathname, at a segment boundary.
 */
export function matchPath(
  pattern: string | { path: string; end?: boolean },
  pathname: string,
): PathMatch | null {
  const { path, end = true } = typeof pattern === 'string' ? { path: pattern } : pattern;
  const wanted = segmentsOf(path);
  const actual = segmentsOf(pathname);
  const params: Params = {};
  for (let i = 0; i < wanted.length; i++) {
    const segment = wanted[i] ?? '';
    if (segment === '*') {
      params['*'] = actual.slice(i).map(decode).join('/');
      return { params, pathname: `/${actual.map(decode).join('/')}` };
    }
    const value = actual[i];
    if (value === undefined) return null;
    if (segment.startsWith(':')) params[segment.slice(1)] = decode(value);
    else if (segment.toLowerCase() !== decode(value).toLowerCase()) return null;
  }
  if (end && actual.length !== wanted.length) return null;
  return { params, pathname: `/${actual.slice(0, wanted.length).join('/')}` };
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

interface Branch {
  routes: RouteObject[];
  /** Each route's full pattern, root first. */
  patterns: string[];
  score: number;
  order: number;
}

const join = (parent: string, path: string | undefined) =>
  path === undefined
    ? parent
    : path.startsWith('/')
      ? path
      : `${parent.replace(/\/$/, '')}/${path}`;

function flatten(
  routes: readonly RouteObject[],
  parents: RouteObject[] = [],
  patterns: string[] = [],
  branches: Branch[] = [],
): Branch[] {
  for (const route of routes) {
    const pattern = join(patterns.at(-1) ?? '/', route.path);
    const chain = [...parents, route];
    const chainPatterns = [...patterns, pattern];
    if (route.children?.length) flatten(route.children, chain, chainPatterns, branches);
    // A parent matches its own path too, with nothing in its Outlet (an index child, scored higher,
    // wins that path when there is one).
    if (route.path !== undefined || route.index)
      branches.push({
        routes: chain,
        patterns: chainPatterns,
        score: scoreOf(pattern, route.index === true),
        order: branches.length,
      });
  }
  return branches;
}

/** React Router's ranking, in short: fixed segments weigh most, then params, and a splat least. */
function scoreOf(pattern: string, index: boolean): number {
  return segmentsOf(pattern).reduce(
    (score, segment) => score + (segment === '*' ? -2 : segment.startsWith(':') ? 3 : 10),
    index ? 2 : 0,
  );
}

const branchesCache = new WeakMap<readonly RouteObject[], Branch[]>();

/** The routes `pathname` shows, root first, with the params of the whole path; null if none. */
export function matchRoutes(routes: readonly RouteObject[], pathname: string): RouteMatch[] | null {
  let branches = branchesCache.get(routes);
  if (!branches) {
    branches = flatten(routes).sort((a, b) => b.score - a.score || a.order - b.order);
    branchesCache.set(routes, branches);
  }
  for (const branch of branches) {
    const leaf = matchPath(branch.patterns.at(-1) ?? '/', pathname);
    if (!leaf) continue;
    return branch.routes.map((route, i) => {
      const own = matchPath({ path: branch.patterns[i] ?? '/', end: false }, pathname);
      return { route, params: leaf.params, pathnameBase: own?.pathname ?? '/' };
    });
  }
  return null;
}

/** `to` resolved against `from` (a pathname): `general` from `/agents/a1` is `/agents/a1/general`. */
export function resolveTo(to: string, from: string): string {
  if (to.startsWith('/') || /^[a-z][a-z0-9+.-]*:/i.test(to)) return to;
  if (to.startsWith('?') || to.startsWith('#')) return `${from}${to}`;
  const url = new URL(to, `http://ringpost.invalid${from.endsWith('/') ? from : `${from}/`}`);
  return `${url.pathname}${url.search}${url.hash}`;
}
