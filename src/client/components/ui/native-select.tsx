/**
 * A native <select> with the app's look, for selects on a page. Outside a dialog, Radix Select hides
 * the rest of the page from assistive technology while it is open, which leaves the page's focusable
 * controls aria-hidden; the browser's own list has no such problem (and costs no JavaScript).
 */
import { ChevronDown } from 'lucide-react';
import type { ComponentProps } from 'react';
import { cn } from '@client/lib/cn';

export function NativeSelect({
  className,
  children,
  ...props
}: ComponentProps<'select'> & {
  /** Sizes the control (a width such as `w-52`); the list itself is the browser's. */
  className?: string;
}) {
  return (
    <span className={cn('relative inline-flex', className)}>
      <select
        className={cn(
          'h-8 w-full min-w-0 appearance-none truncate rounded-lg border border-gray-300 bg-white pr-8 pl-3 text-sm text-gray-900 shadow-xs',
          'focus-visible:border-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600/40',
          'disabled:cursor-not-allowed disabled:bg-gray-50 disabled:text-gray-600',
        )}
        {...props}
      >
        {children}
      </select>
      <ChevronDown
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-2.5 size-4 -translate-y-1/2 text-gray-500"
      />
    </span>
  );
}
