/**
 * Copies a value (an id, a URL, a header value, a command) to the clipboard and says so in the toast
 * region. Named for what it copies, so that a screen reader's list of buttons makes sense.
 */
import { Check, Copy } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { cn } from '@client/lib/cn';
import { Button, type ButtonProps } from './button';
import { useToast } from './toast';

export function useCopy() {
  const { toast } = useToast();
  return async (value: string, what: string): Promise<boolean> => {
    try {
      await navigator.clipboard.writeText(value);
      toast(`Copied ${what}`);
      return true;
    } catch {
      toast(`Could not copy: select the ${what} and copy it by hand`);
      return false;
    }
  };
}

export function CopyButton({
  value,
  what,
  label = `Copy ${what}`,
  children,
  size = children ? 'sm' : 'icon-sm',
  variant = 'ghost',
  className,
  ...props
}: Omit<ButtonProps, 'value' | 'onClick'> & {
  value: string;
  /** What is copied, for the toast: "delivery id", "URL", "value of webhook-id". */
  what: string;
  /** The button's accessible name (default "Copy <what>"). */
  label?: string;
  /** A visible label; without one the button is a small icon. */
  children?: ReactNode;
}) {
  const copy = useCopy();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1_500);
    return () => clearTimeout(timer);
  }, [copied]);
  const Icon = copied ? Check : Copy;
  return (
    <Button
      size={size}
      variant={variant}
      aria-label={children ? undefined : label}
      title={children ? undefined : label}
      className={cn(!children && 'text-gray-500 hover:text-gray-900', className)}
      onClick={() => void copy(value, what).then(setCopied)}
      {...props}
    >
      <Icon aria-hidden="true" className={children ? 'size-4' : 'size-3.5'} />
      {children}
    </Button>
  );
}

/** A value in monospace with its copy button beside it. */
export function CopyableValue({
  value,
  what,
  label,
  className,
  children,
}: {
  value: string;
  what: string;
  label?: string;
  className?: string;
  /** What to show instead of the value itself (a link, a shortened form). */
  children?: ReactNode;
}) {
  return (
    <span className={cn('inline-flex max-w-full min-w-0 items-center gap-1', className)}>
      <span className="min-w-0 font-mono text-xs break-all text-gray-900">{children ?? value}</span>
      <CopyButton value={value} what={what} label={label} className="-my-1 shrink-0" />
    </span>
  );
}
