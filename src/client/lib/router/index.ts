/**
 * Ringpost's router (docs/decisions/0020): the part of React Router's API the app uses, with the same
 * names, in a few kilobytes.
 */
export { createBrowserRouter, createMemoryRouter, RouterProvider } from './router';
export type { NavigateOptions, Router, RouterState } from './router';
export { Link, MemoryRouter, Navigate, NavLink, Outlet } from './components';
export type { LinkProps, NavLinkProps } from './components';
export {
  useBlocker,
  useHref,
  useLocation,
  useMatch,
  useNavigate,
  useOutletContext,
  useParams,
  useRouteError,
  useSearchParams,
} from './hooks';
export type { Blocker, NavigateFunction, SetSearchParams } from './hooks';
export type { Location } from './history';
export { matchPath } from './match';
export type { Params, RouteObject } from './match';
