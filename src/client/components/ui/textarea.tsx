import type { ComponentProps } from 'react';
import { cn } from '@client/lib/cn';
import { fieldControlClasses } from './input';

export function Textarea({ className, rows = 3, ...props }: ComponentProps<'textarea'>) {
  return (
    <textarea
      rows={rows}
      className={cn(fieldControlClasses, 'resize-y py-2.5', className)}
      {...props}
    />
  );
}
