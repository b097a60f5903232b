import { cn } from '@client/lib/cn';

export function Skeleton({ className }: { className?: string }) {
  return (
    <div aria-hidden="true" className={cn('animate-pulse rounded-lg bg-gray-200', className)} />
  );
}

/** A loading placeholder that screen readers announce once, as "Loading …". */
export function LoadingSkeleton({ label, lines = 3 }: { label: string; lines?: number }) {
  return (
    <div role="status" aria-live="polite" className="space-y-3">
      <span className="sr-only">{label}</span>
      {Array.from({ length: lines }, (_, index) => (
        <Skeleton key={index} className={cn('h-9', index === 0 ? 'w-2/3' : 'w-full')} />
      ))}
    </div>
  );
}
