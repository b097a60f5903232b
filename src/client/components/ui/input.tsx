import type { ComponentProps } from 'react';
import { cn } from '@client/lib/cn';

export const fieldControlClasses = cn(
  'w-full rounded-xl border border-gray-300 bg-white px-3.5 text-sm text-gray-900 shadow-xs',
  'placeholder:text-gray-500',
  'focus-visible:border-brand-600 focus-visible:outline-2 focus-visible:outline-offset-0 focus-visible:outline-brand-600/40',
  'aria-invalid:border-red-600',
  'disabled:cursor-not-allowed disabled:bg-gray-50 disabled:text-gray-600',
);

export function Input({ className, ...props }: ComponentProps<'input'>) {
  return <input className={cn(fieldControlClasses, 'h-10', className)} {...props} />;
}
