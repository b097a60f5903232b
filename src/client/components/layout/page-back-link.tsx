import { ArrowLeft } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from '@client/lib/router';

// A file of its own: the pages that have no way back (an agent's tabs) do not download it.
/** "← Back to …" above a page's title. */
export function PageBackLink({ to, children }: { to: string; children: ReactNode }) {
  return (
    <Link
      to={to}
      className="mb-6 inline-flex items-center gap-2 rounded text-sm text-gray-600 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-brand-600"
    >
      <ArrowLeft aria-hidden="true" className="size-4" />
      {children}
    </Link>
  );
}
