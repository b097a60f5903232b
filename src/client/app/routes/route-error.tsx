import { useState } from 'react';
import { useRouteError } from '@client/lib/router';
import { Button, buttonClasses } from '@client/components/ui/button';

/**
 * What shows when a page cannot be shown: most often its code could not be downloaded because
 * Ringpost was unreachable for a moment, or was updated since this tab opened. A page's failure shows
 * inside the app's shell (the sidebar stays); only the shell's own failure fills the window (`whole`).
 *
 * Try again first asks whether Ringpost answers. If it does, the page reloads, since a browser keeps a
 * failed module download for the rest of the tab's life; if it does not, the page stays and says so,
 * rather than swapping the app for the browser's own error page.
 */
export function RouteError({ whole = false }: { whole?: boolean }) {
  const error = useRouteError();
  const [state, setState] = useState<'idle' | 'checking' | 'unreachable'>('idle');
  const detail = error instanceof Error ? error.message : null;

  const tryAgain = async () => {
    setState('checking');
    const reachable = await fetch('/readyz', { cache: 'no-store' }).then(
      (response) => response.ok,
      () => false,
    );
    if (reachable) window.location.reload();
    else setState('unreachable');
  };

  const card = (
    <div
      role="alert"
      className="max-w-lg rounded-2xl border border-gray-200 bg-white p-6 shadow-xs"
    >
      <title>Page not shown · Ringpost</title>
      <h1 className="text-lg font-semibold text-gray-900">This page could not be shown</h1>
      <p className="mt-2 text-sm text-gray-600">
        Ringpost could not be reached, or it was updated since this tab opened. Check your
        connection, then try again.
      </p>
      {detail ? <p className="mt-2 font-mono text-xs break-all text-gray-600">{detail}</p> : null}
      {state === 'unreachable' ? (
        <p className="mt-3 text-sm font-medium text-gray-900">
          Ringpost is still unreachable. Try again in a moment.
        </p>
      ) : null}
      <div className="mt-5 flex gap-3">
        <Button variant="primary" onClick={() => void tryAgain()} disabled={state === 'checking'}>
          {state === 'checking' ? 'Trying…' : 'Try again'}
        </Button>
        {whole ? (
          <a href="/" className={buttonClasses()}>
            Go home
          </a>
        ) : null}
      </div>
    </div>
  );
  return whole ? (
    <main className="flex min-h-screen items-center justify-center bg-gray-100 p-6">{card}</main>
  ) : (
    <div className="p-8">{card}</div>
  );
}
