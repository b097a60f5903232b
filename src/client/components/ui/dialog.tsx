/** Radix Dialog with the app's look: a dimmed page, a white rounded panel, a header and a footer. */
import * as DialogPrimitive from '@radix-ui/react-dialog';
import { X } from 'lucide-react';
import { useRef, type ComponentProps, type ReactNode } from 'react';
import { cn } from '@client/lib/cn';

export const Dialog = DialogPrimitive.Root;
export const DialogTrigger = DialogPrimitive.Trigger;
export const DialogClose = DialogPrimitive.Close;

/**
 * Widths are a prop rather than a `max-w-*` class beside the default: two max-width utilities on one
 * element are decided by their order in the generated CSS, not by the order in `className`.
 */
const widths = {
  sm: 'max-w-md',
  md: 'max-w-lg',
  lg: 'max-w-xl',
  xl: 'max-w-2xl',
  '2xl': 'max-w-4xl',
} as const;

export function DialogContent({
  className,
  children,
  showClose = true,
  size = 'lg',
  placement = 'center',
  onOpenAutoFocus,
  onCloseAutoFocus,
  ...props
}: ComponentProps<typeof DialogPrimitive.Content> & {
  showClose?: boolean;
  size?: keyof typeof widths;
  /** In the middle of the page, or as a full-height panel at its right edge (a detail beside a list). */
  placement?: 'center' | 'right';
}) {
  // Radix returns focus to its Trigger; our dialogs are mostly opened from state (a URL parameter, a
  // row's button) without one, so remember what had focus when the dialog appeared and go back there.
  // This component stays mounted while its dialog is closed, so the opener is taken at each opening
  // (Radix calls onOpenAutoFocus before it moves focus into the dialog), not at the first render.
  const opener = useRef<HTMLElement | null>(null);
  return (
    <DialogPrimitive.Portal>
      <DialogPrimitive.Overlay className="fixed inset-0 z-50 bg-gray-900/40 backdrop-blur-[1px]" />
      <DialogPrimitive.Content
        className={cn(
          placement === 'center'
            ? 'fixed top-1/2 left-1/2 max-h-[calc(100vh-2rem)] w-[calc(100vw-2rem)] -translate-x-1/2 -translate-y-1/2 rounded-2xl'
            : 'fixed inset-y-0 right-0 h-full w-[calc(100vw-1rem)] rounded-l-2xl',
          'z-50 flex flex-col',
          widths[size],
          'border border-gray-200 bg-white shadow-xl focus:outline-none',
          className,
        )}
        onOpenAutoFocus={(event) => {
          const active = document.activeElement;
          opener.current =
            active instanceof HTMLElement && active !== document.body ? active : null;
          onOpenAutoFocus?.(event);
        }}
        onCloseAutoFocus={(event) => {
          onCloseAutoFocus?.(event);
          const target = opener.current;
          if (!event.defaultPrevented && target?.isConnected) {
            event.preventDefault();
            target.focus();
          }
        }}
        {...props}
      >
        {children}
        {showClose ? (
          <DialogPrimitive.Close
            aria-label="Close"
            className="absolute top-4 right-4 rounded-lg p-1.5 text-gray-500 hover:bg-gray-100 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            <X aria-hidden="true" className="size-4" />
          </DialogPrimitive.Close>
        ) : null}
      </DialogPrimitive.Content>
    </DialogPrimitive.Portal>
  );
}

export function DialogHeader({
  icon,
  children,
  bordered = false,
}: {
  icon?: ReactNode;
  children: ReactNode;
  bordered?: boolean;
}) {
  return (
    <div
      className={cn(
        'flex items-center gap-3.5 px-6 pt-6 pr-14',
        bordered ? 'border-b border-gray-200 pb-5' : 'pb-2',
      )}
    >
      {icon ? (
        <div className="flex size-11 shrink-0 items-center justify-center rounded-xl border border-gray-200 text-gray-800">
          {icon}
        </div>
      ) : null}
      <div className="min-w-0">{children}</div>
    </div>
  );
}

export function DialogTitle({ className, ...props }: ComponentProps<typeof DialogPrimitive.Title>) {
  return (
    <DialogPrimitive.Title
      className={cn('text-xl font-semibold tracking-tight text-gray-900', className)}
      {...props}
    />
  );
}

export function DialogDescription({
  className,
  ...props
}: ComponentProps<typeof DialogPrimitive.Description>) {
  return (
    <DialogPrimitive.Description
      className={cn('mt-1 text-sm text-gray-600', className)}
      {...props}
    />
  );
}

export function DialogBody({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('min-h-0 overflow-y-auto px-6 py-5', className)} {...props} />;
}

export function DialogFooter({ className, ...props }: ComponentProps<'div'>) {
  return <div className={cn('flex justify-end gap-3 px-6 pt-1 pb-6', className)} {...props} />;
}
