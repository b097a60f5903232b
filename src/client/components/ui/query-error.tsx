import { CircleAlert, RotateCw } from 'lucide-react';
import { errorMessage } from '@client/lib/api-client';
import { Button } from './button';

/** What a failed query shows: what failed, the server's reason, and a way to try again. */
export function QueryError({
  title,
  error,
  onRetry,
}: {
  title: string;
  error: unknown;
  onRetry: () => unknown;
}) {
  return (
    <div
      role="alert"
      className="flex flex-col items-start gap-3 rounded-xl border border-red-200 bg-red-50/60 p-5"
    >
      <div className="flex items-start gap-2">
        <CircleAlert aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-red-700" />
        <div>
          <p className="font-medium text-gray-900">{title}</p>
          <p className="mt-0.5 text-sm text-gray-700">{errorMessage(error)}</p>
        </div>
      </div>
      <Button size="sm" onClick={() => void onRetry()}>
        <RotateCw aria-hidden="true" className="size-4" />
        Try again
      </Button>
    </div>
  );
}
