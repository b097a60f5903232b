import {
  Activity,
  BookOpen,
  Bot,
  KeyRound,
  LogOut,
  MonitorX,
  PanelLeftClose,
  PanelLeftOpen,
  Webhook,
} from 'lucide-react';
import { Suspense, lazy, useState, type ReactNode } from 'react';
import { Link, useLocation, useMatch } from '@client/lib/router';
import type { SessionUser } from '@contract/auth';
import { cn } from '@client/lib/cn';
import { paths } from '@client/lib/paths';

// The question brings Radix Dialog, which no page needs on its first visit: load it when the user
// points at or focuses the button, and keep it mounted once asked so that it can animate closed.
const loadConfirmDialog = () => import('@client/components/ui/confirm-dialog');
const ConfirmDialog = lazy(async () => ({ default: (await loadConfirmDialog()).ConfirmDialog }));

export interface SidebarProps {
  organisationName: string;
  user: Pick<SessionUser, 'name' | 'email' | 'role'>;
  collapsed: boolean;
  onCollapsedChange: (collapsed: boolean) => void;
  onSignOut: () => void;
  signingOut?: boolean;
  /** "Sign out everywhere", asked about first: it ends every session of the user, this one included. */
  signOutEverywhere?: SignOutEverywhereAction;
}

export interface SignOutEverywhereAction {
  run: () => void;
  pending: boolean;
  error: unknown;
  /** Forgets the last failure, so that reopening the question does not show it again. */
  reset: () => void;
}

const ROLE_LABELS: Record<SessionUser['role'], string> = {
  admin: 'Admin',
  support: 'Support',
  viewer: 'Viewer',
};

interface NavEntry {
  to: string;
  label: string;
  icon: ReactNode;
  /** Other pages that belong to this entry (a call's deliveries belong to Deliveries). */
  alsoActiveUnder?: readonly string[];
}

/** Agents; Monitor → Deliveries; Features → Webhooks, API keys. */
const NAVIGATION: { title?: string; items: NavEntry[] }[] = [
  { items: [{ to: paths.agents(), label: 'Agents', icon: <Bot className="size-5" /> }] },
  {
    title: 'Monitor',
    items: [
      {
        to: paths.deliveries(),
        label: 'Deliveries',
        icon: <Activity className="size-5" />,
        alsoActiveUnder: ['/calls/'],
      },
    ],
  },
  {
    title: 'Features',
    items: [
      { to: paths.webhooks(), label: 'Webhooks', icon: <Webhook className="size-5" /> },
      { to: paths.apiKeys(), label: 'API keys', icon: <KeyRound className="size-5" /> },
    ],
  },
];

function initial(name: string) {
  return name.trim().charAt(0).toUpperCase() || '?';
}

export function Sidebar({
  organisationName,
  user,
  collapsed,
  onCollapsedChange,
  onSignOut,
  signingOut = false,
  signOutEverywhere,
}: SidebarProps) {
  const [confirmingEverywhere, setConfirmingEverywhere] = useState(false);
  const [askedEverywhere, setAskedEverywhere] = useState(false);
  return (
    <aside
      className={cn(
        'sticky top-0 flex h-screen shrink-0 flex-col gap-6 py-3 transition-[width] duration-150',
        collapsed ? 'w-[4.5rem] px-2.5' : 'w-64 px-3',
      )}
    >
      <div
        className={cn(
          'flex items-center gap-2.5 rounded-xl border border-gray-200 bg-white py-2.5 shadow-xs',
          collapsed ? 'justify-center px-0' : 'px-3',
        )}
        title={collapsed ? organisationName : undefined}
      >
        <span
          aria-hidden="true"
          className="flex size-7 shrink-0 items-center justify-center rounded-lg bg-brand-600 text-sm font-semibold text-white"
        >
          {initial(organisationName)}
        </span>
        <span className={cn('truncate text-sm font-medium text-gray-900', collapsed && 'sr-only')}>
          {organisationName}
        </span>
      </div>

      <nav aria-label="Main" className="flex-1 overflow-y-auto">
        {NAVIGATION.map((group, index) => (
          <NavGroup key={group.title ?? index} title={group.title} collapsed={collapsed}>
            {group.items.map((item) => (
              <NavItem
                key={item.to}
                to={item.to}
                icon={item.icon}
                collapsed={collapsed}
                alsoActiveUnder={item.alsoActiveUnder}
              >
                {item.label}
              </NavItem>
            ))}
          </NavGroup>
        ))}
      </nav>

      <div className="space-y-1 border-t border-gray-200 pt-3">
        <div
          className={cn('flex items-center gap-2.5 pb-1', collapsed ? 'justify-center' : 'px-1.5')}
        >
          <span
            aria-hidden="true"
            title={collapsed ? `${user.name} (${ROLE_LABELS[user.role]})` : undefined}
            className="flex size-8 shrink-0 items-center justify-center rounded-full bg-gray-800 text-sm font-medium text-white"
          >
            {initial(user.name)}
          </span>
          <div className={cn('min-w-0 flex-1', collapsed && 'sr-only')}>
            <p className="truncate text-sm font-medium text-gray-900">{user.name}</p>
            <p className="truncate text-xs text-gray-600">{ROLE_LABELS[user.role]}</p>
          </div>
        </div>
        {/* A page of its own (Swagger UI), outside the app: it opens beside it. */}
        <a
          href="/api/docs"
          target="_blank"
          rel="noopener"
          title={collapsed ? 'API reference (opens in a new tab)' : undefined}
          className={userMenuItemClasses(collapsed)}
        >
          <BookOpen aria-hidden="true" className="size-4" />
          <span className={cn(collapsed && 'sr-only')}>
            API reference<span className="sr-only"> (opens in a new tab)</span>
          </span>
        </a>
        {signOutEverywhere ? (
          <>
            <button
              type="button"
              onClick={() => {
                signOutEverywhere.reset();
                setAskedEverywhere(true);
                setConfirmingEverywhere(true);
              }}
              onPointerEnter={() => void loadConfirmDialog()}
              onFocus={() => void loadConfirmDialog()}
              title={collapsed ? 'Sign out everywhere' : undefined}
              className={userMenuItemClasses(collapsed)}
            >
              <MonitorX aria-hidden="true" className="size-4" />
              <span className={cn(collapsed && 'sr-only')}>Sign out everywhere</span>
            </button>
            {askedEverywhere ? (
              <Suspense fallback={null}>
                <ConfirmDialog
                  open={confirmingEverywhere}
                  onOpenChange={setConfirmingEverywhere}
                  title="Sign out everywhere?"
                  description="This ends your sessions in every browser and on every device, this one included. You will need to sign in again."
                  confirmLabel="Sign out everywhere"
                  onConfirm={signOutEverywhere.run}
                  pending={signOutEverywhere.pending}
                  error={signOutEverywhere.error}
                />
              </Suspense>
            ) : null}
          </>
        ) : null}
        <div className={cn('flex items-center gap-1', collapsed ? 'flex-col' : 'justify-between')}>
          <button
            type="button"
            onClick={onSignOut}
            disabled={signingOut}
            title={collapsed ? 'Sign out' : undefined}
            className={cn(
              'flex items-center gap-2 rounded-lg px-2 py-2 text-sm text-gray-700 hover:bg-gray-200/60 hover:text-gray-900',
              'focus-visible:outline-2 focus-visible:outline-brand-600 disabled:text-gray-500',
            )}
          >
            <LogOut aria-hidden="true" className="size-4" />
            <span className={cn(collapsed && 'sr-only')}>Sign out</span>
          </button>
          <button
            type="button"
            onClick={() => onCollapsedChange(!collapsed)}
            aria-label={collapsed ? 'Expand sidebar' : 'Collapse sidebar'}
            title={collapsed ? 'Expand sidebar' : 'Collapse sidebar'}
            className={cn(
              'flex rounded-lg p-2 text-gray-600 hover:bg-gray-200/60 hover:text-gray-900',
              'focus-visible:outline-2 focus-visible:outline-brand-600',
            )}
          >
            {collapsed ? (
              <PanelLeftOpen aria-hidden="true" className="size-5" />
            ) : (
              <PanelLeftClose aria-hidden="true" className="size-5" />
            )}
          </button>
        </div>
      </div>
    </aside>
  );
}

/** A titled group of entries; collapsed, the title is kept for screen readers only. */
function NavGroup({
  title,
  collapsed,
  children,
}: {
  title: string | undefined;
  collapsed: boolean;
  children: ReactNode;
}) {
  return (
    <>
      {title === undefined ? null : (
        <h2
          className={cn(
            'mt-6 mb-1.5 px-3 text-xs font-medium text-gray-600',
            collapsed && 'sr-only',
          )}
        >
          {title}
        </h2>
      )}
      <ul className="space-y-1">{children}</ul>
    </>
  );
}

function NavItem({
  to,
  icon,
  collapsed,
  alsoActiveUnder = [],
  children,
}: {
  to: string;
  icon: ReactNode;
  collapsed: boolean;
  alsoActiveUnder?: readonly string[] | undefined;
  children: string;
}) {
  const { pathname } = useLocation();
  const matched = useMatch({ path: to, end: false });
  const active = matched !== null || alsoActiveUnder.some((prefix) => pathname.startsWith(prefix));
  return (
    <li>
      <Link
        to={to}
        title={collapsed ? children : undefined}
        aria-current={active ? 'page' : undefined}
        className={cn(
          'flex items-center gap-3 rounded-lg py-2 text-[15px] focus-visible:outline-2 focus-visible:outline-brand-600',
          collapsed ? 'justify-center px-0' : 'px-3',
          active
            ? 'bg-gray-200/70 font-medium text-gray-900'
            : 'text-gray-700 hover:bg-gray-200/50 hover:text-gray-900',
        )}
      >
        <span aria-hidden="true" className="shrink-0">
          {icon}
        </span>
        <span className={cn(collapsed && 'sr-only')}>{children}</span>
      </Link>
    </li>
  );
}

/** The look of the API reference link and Sign out everywhere, below the signed-in person. */
function userMenuItemClasses(collapsed: boolean) {
  return cn(
    'flex items-center gap-2 rounded-lg px-2 py-2 text-sm text-gray-700 hover:bg-gray-200/60 hover:text-gray-900',
    'focus-visible:outline-2 focus-visible:outline-brand-600',
    collapsed && 'mx-auto',
  );
}
