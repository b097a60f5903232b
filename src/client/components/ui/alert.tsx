import { CircleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '@client/lib/cn';

/** An error the user must see now, in the place they are looking (a form, a dialog). */
export function ErrorAlert({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <div
      role="alert"
      className={cn(
        'flex items-start gap-2 rounded-xl border border-red-200 bg-red-50 px-3.5 py-2.5 text-sm text-red-800',
        className,
      )}
    >
      <CircleAlert aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
      <div>{children}</div>
    </div>
  );
}
