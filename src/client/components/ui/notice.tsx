import { Info, TriangleAlert } from 'lucide-react';
import type { ReactNode } from 'react';
import { cn } from '@client/lib/cn';

const tones = {
  warning: { box: 'border-amber-200 bg-amber-50 text-amber-900', Icon: TriangleAlert },
  info: { box: 'border-gray-200 bg-gray-50 text-gray-800', Icon: Info },
} as const;

/** A standing message about the page's subject (not an error the user just caused: that is an alert). */
export function Notice({
  tone = 'info',
  action,
  className,
  children,
}: {
  tone?: keyof typeof tones;
  /** A button beside the text (for example "Replay them"). */
  action?: ReactNode;
  className?: string;
  children: ReactNode;
}) {
  const { box, Icon } = tones[tone];
  return (
    <div
      className={cn(
        'flex flex-wrap items-center gap-x-4 gap-y-2 rounded-xl border px-4 py-3 text-sm',
        box,
        className,
      )}
    >
      <div className="flex min-w-0 flex-1 items-start gap-2.5">
        <Icon aria-hidden="true" className="mt-0.5 size-4 shrink-0" />
        <div className="min-w-0 space-y-1">{children}</div>
      </div>
      {action ? <div className="flex shrink-0 items-center gap-2">{action}</div> : null}
    </div>
  );
}
