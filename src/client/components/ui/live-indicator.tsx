import type { LiveState } from '@client/lib/live-updates';
import { cn } from '@client/lib/cn';

const TEXT: Record<LiveState, string> = {
  open: 'Live',
  connecting: 'Reconnecting…',
  closed: 'Live updates paused',
};

/** Whether the page is following changes as they happen (the live stream), in a word and a dot. */
export function LiveIndicator({ state }: { state: LiveState }) {
  return (
    <span
      role="status"
      title={
        state === 'open'
          ? 'Changes show here as they happen'
          : 'Changes show when the connection is back; what is on the page may be behind'
      }
      className="inline-flex items-center gap-1.5 text-xs font-medium text-gray-600"
    >
      <span
        aria-hidden="true"
        className={cn(
          'size-2 rounded-full',
          state === 'open'
            ? 'bg-green-600'
            : state === 'connecting'
              ? 'bg-amber-500'
              : 'bg-gray-400',
        )}
      />
      {TEXT[state]}
    </span>
  );
}
