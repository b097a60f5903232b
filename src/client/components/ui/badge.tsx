import type { ReactNode } from 'react';
import { cn } from '@client/lib/cn';

type Tone = 'success' | 'neutral' | 'warning' | 'danger';

const tones: Record<Tone, string> = {
  success: 'bg-green-50 text-green-800 ring-green-600/20',
  neutral: 'bg-gray-100 text-gray-700 ring-gray-500/20',
  warning: 'bg-amber-50 text-amber-800 ring-amber-600/25',
  danger: 'bg-red-50 text-red-800 ring-red-600/20',
};

export function Badge({
  tone = 'neutral',
  className,
  children,
}: {
  tone?: Tone;
  className?: string;
  children: ReactNode;
}) {
  return (
    <span
      className={cn(
        'inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset',
        tones[tone],
        className,
      )}
    >
      {children}
    </span>
  );
}

/** A small grey label for a value such as an event type. */
export function Chip({ children }: { children: ReactNode }) {
  return (
    <span className="inline-flex items-center rounded-full bg-gray-100 px-2.5 py-0.5 text-xs text-gray-700">
      {children}
    </span>
  );
}
