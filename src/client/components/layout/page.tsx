import type { ReactNode } from 'react';
import { cn } from '@client/lib/cn';

/** The bar at the top of the content card: where you are on the left, page actions on the right. */
export function PageHeader({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="flex min-h-16 items-center justify-between gap-4 border-b border-gray-100 px-6 py-3">
      <div className="min-w-0">{children}</div>
      {actions ? <div className="flex shrink-0 items-center gap-2">{actions}</div> : null}
    </div>
  );
}

export function PageBody({
  className,
  wide = false,
  children,
}: {
  className?: string;
  /** Narrower side margins, for a page whose table needs the width. */
  wide?: boolean;
  children: ReactNode;
}) {
  return <div className={cn('px-6 py-8', !wide && 'lg:px-10', className)}>{children}</div>;
}

export function PageTitle({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <h1 className={cn('text-2xl font-semibold tracking-tight text-gray-900', className)}>
      {children}
    </h1>
  );
}
