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
      <Sidebar {...sidebar} collapsed={collapsed} onCollapsedChange={setCollapsed} />
      <main className="min-w-0 flex-1 py-2 pr-2">
        <div className="min-h-[calc(100vh-1rem)] rounded-2xl border border-gray-200 bg-white shadow-xs">
          {children}
        </div>
      </main>
    </div>
  );
}
