/** The router's elements: where a child route shows (Outlet), links, and a redirect. */
import {
  createContext,
  use,
  useEffect,
  useState,
  type ComponentProps,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { useHref, useLocation, useMatch, useNavigate } from './hooks';
import type { RouteObject } from './match';
import { createMemoryRouter, RouteContext, RouteLevel, RouterProvider } from './router';

/** Where the matched child route shows; `context` is what it reads with useOutletContext. */
export function Outlet({ context }: { context?: unknown }) {
  const { matches, depth } = use(RouteContext);
  return <RouteLevel matches={matches} depth={depth + 1} outletContext={context} />;
}

type AnchorProps = Omit<ComponentProps<'a'>, 'href'>;

export interface LinkProps extends AnchorProps {
  to: string;
  replace?: boolean;
  state?: unknown;
}

/** A plain left click stays in the app; any other (new tab, modifier keys) is the browser's. */
function isPlainClick(event: MouseEvent<HTMLAnchorElement>, target: string | undefined) {
  return (
    !event.defaultPrevented &&
    event.button === 0 &&
    (!target || target === '_self') &&
    !event.metaKey &&
    !event.altKey &&
    !event.ctrlKey &&
    !event.shiftKey
  );
}

export function Link({ to, replace, state, onClick, target, children, ...props }: LinkProps) {
  const href = useHref(to);
  const navigate = useNavigate();
  const { pathname, search, hash } = useLocation();
  // A link to where the app already is replaces the entry, so that Back does not seem to do nothing.
  const here = href === `${pathname}${search}${hash}`;
  return (
    <a
      {...props}
      href={href}
      target={target}
      onClick={(event) => {
        onClick?.(event);
        if (!isPlainClick(event, target)) return;
        event.preventDefault();
        void navigate(href, { replace: replace ?? here, state });
      }}
    >
      {children}
    </a>
  );
}

export interface NavLinkProps extends Omit<LinkProps, 'className' | 'children'> {
  /** Active only on this exact path, not below it. */
  end?: boolean;
  className?: string | ((state: { isActive: boolean }) => string | undefined);
  children?: ReactNode | ((state: { isActive: boolean }) => ReactNode);
}

/** A link that knows whether it leads where the app is: `aria-current="page"` when it does. */
export function NavLink({ end = false, className, children, ...props }: NavLinkProps) {
  const href = useHref(props.to);
  const isActive = useMatch({ path: href.split(/[?#]/)[0] ?? href, end }) !== null;
  return (
    <Link
      {...props}
      aria-current={isActive ? 'page' : undefined}
      className={typeof className === 'function' ? className({ isActive }) : className}
    >
      {typeof children === 'function' ? children({ isActive }) : children}
    </Link>
  );
}

/** Goes to `to` as soon as it renders (a redirect). */
export function Navigate({
  to,
  replace,
  state,
}: {
  to: string;
  replace?: boolean;
  state?: unknown;
}) {
  const navigate = useNavigate();
  const { key } = useLocation();
  useEffect(() => {
    void navigate(to, { replace, state });
    // Once per location: a redirect that re-rendered must not navigate twice.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return null;
}

const ChildrenContext = createContext<ReactNode>(null);
const Children = () => use(ChildrenContext);
const CHILDREN_AT_EVERY_URL: RouteObject[] = [{ path: '*', element: <Children /> }];

/** Its children at every URL, in a router of their own: for a story or a test of one component. */
export function MemoryRouter({
  initialEntries,
  children,
}: {
  initialEntries?: string[];
  children: ReactNode;
}) {
  const [router] = useState(() =>
    createMemoryRouter(CHILDREN_AT_EVERY_URL, initialEntries ? { initialEntries } : {}),
  );
  return (
    <ChildrenContext value={children}>
      <RouterProvider router={router} />
    </ChildrenContext>
  );
}
