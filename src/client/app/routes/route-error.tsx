import { useRouteError } from '@client/lib/router';
import { buttonClasses } from '@client/components/ui/button';

/**
 * What a page shows when it cannot render at all: most often its code could not be downloaded
 * after a new release, which a reload fixes.
 */
export function RouteError() {
  const error = useRouteError();
  const detail = error instanceof Error ? error.message : null;
  return (
    <main className="flex min-h-screen items-center justify-center bg-gray-100 p-6">
      <title>Something went wrong · Ringpost</title>
      <div
        role="alert"
        className="max-w-md rounded-2xl border border-gray-200 bg-white p-8 shadow-xs"
      >
        <h1 className="text-xl font-semibold text-gray-900">Something went wrong</h1>
        <p className="mt-2 text-sm text-gray-600">
          This page could not be shown. Reloading usually helps.
        </p>
        {detail ? <p className="mt-2 font-mono text-xs break-all text-gray-600">{detail}</p> : null}
        <div className="mt-6 flex gap-3">
          <button
            type="button"
            className={buttonClasses({ variant: 'primary' })}
            onClick={() => window.location.reload()}
          >
            Reload
          </button>
          <a href="/" className={buttonClasses()}>
            Go home
          </a>
        </div>
      </div>
    </main>
  );
}
