/** Radix Select with the app's look. Items take any content; only `SelectItemText` shows in the trigger. */
import * as SelectPrimitive from '@radix-ui/react-select';
import { Check, ChevronDown } from 'lucide-react';
import type { ComponentProps } from 'react';
import { cn } from '@client/lib/cn';

export const Select = SelectPrimitive.Root;
export const SelectValue = SelectPrimitive.Value;
export const SelectItemText = SelectPrimitive.ItemText;

export function SelectTrigger({
  className,
  children,
  ...props
}: ComponentProps<typeof SelectPrimitive.Trigger>) {
  return (
    <SelectPrimitive.Trigger
      className={cn(
        'flex h-12 w-full items-center justify-between gap-2 rounded-xl border border-gray-300 bg-white px-4 text-left text-[15px] text-gray-900 shadow-xs',
        'focus-visible:border-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600/40',
        'data-[placeholder]:text-gray-500 disabled:cursor-not-allowed disabled:bg-gray-50',
        className,
      )}
      {...props}
    >
      <span className="min-w-0 flex-1 truncate">{children}</span>
      <SelectPrimitive.Icon>
        <ChevronDown aria-hidden="true" className="size-4 text-gray-500" />
      </SelectPrimitive.Icon>
    </SelectPrimitive.Trigger>
  );
}

export function SelectContent({
  className,
  children,
  container,
  ...props
}: ComponentProps<typeof SelectPrimitive.Content> & {
  /** Where the list is rendered (default: the end of <body>). */
  container?: HTMLElement | null;
}) {
  return (
    <SelectPrimitive.Portal container={container}>
      <SelectPrimitive.Content
        position="popper"
        sideOffset={6}
        className={cn(
          'z-[55] max-h-[min(22rem,var(--radix-select-content-available-height))] w-[var(--radix-select-trigger-width)] overflow-hidden rounded-xl border border-gray-200 bg-white shadow-lg',
          className,
        )}
        {...props}
      >
        <SelectPrimitive.Viewport className="p-1.5">{children}</SelectPrimitive.Viewport>
      </SelectPrimitive.Content>
    </SelectPrimitive.Portal>
  );
}

export function SelectItem({
  className,
  children,
  ...props
}: ComponentProps<typeof SelectPrimitive.Item>) {
  return (
    <SelectPrimitive.Item
      className={cn(
        'relative flex cursor-default items-start gap-2 rounded-lg py-2 pr-9 pl-3 text-sm text-gray-900 outline-none select-none',
        'data-[highlighted]:bg-gray-100 data-[disabled]:text-gray-500',
        className,
      )}
      {...props}
    >
      {children}
      <SelectPrimitive.ItemIndicator className="absolute top-2.5 right-3">
        <Check aria-hidden="true" className="size-4 text-brand-700" />
      </SelectPrimitive.ItemIndicator>
    </SelectPrimitive.Item>
  );
}
