import type { ReactNode } from 'react';
import { useLocalStorageFlag } from '@client/lib/use-local-storage-flag';
import { Sidebar, type SidebarProps } from './sidebar';

const COLLAPSED_KEY = 'ringpost.sidebar-collapsed';

/** Sidebar on the left, the page in a white card on the grey background. */
export function AppShell({
  children,
  ...sidebar
}: Omit<SidebarProps, 'collapsed' | 'onCollapsedChange'> & { children: ReactNode }) {
  const [collapsed, setCollapsed] = useLocalStorageFlag(COLLAPSED_KEY, false);
  return (
    <div className="flex min-h-screen bg-gray-100">
      {/* The first stop for the Tab key: past the sidebar's dozen links, straight to the page. Focus moves
          without following the #main link, which would add a history entry that the router reads as
          a navigation (and Back would then only remove the #main). */}
      <a
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
        className="sr-only z-50 rounded-lg bg-white px-4 py-2 text-sm font-medium text-gray-900 shadow-lg focus:not-sr-only focus:fixed focus:top-3 focus:left-3 focus-visible:outline-2 focus-visible:outline-brand-600"
      >
        Skip to main content
      </a>
      <Sidebar {...sidebar} collapsed={collapsed} onCollapsedChange={setCollapsed} />
      {/* tabIndex -1: following the skip link moves focus here, so the next Tab starts in the page. */}
      <main id="main" tabIndex={-1} className="min-w-0 flex-1 py-2 pr-2 focus:outline-none">
        <div className="min-h-[calc(100vh-1rem)] rounded-2xl border border-gray-200 bg-white shadow-xs">
          {children}
        </div>
      </main>
    </div>
  );
}
