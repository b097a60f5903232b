import { ChevronRight } from 'lucide-react';
import { Fragment } from 'react';
import { Link } from '@client/lib/router';

export interface Crumb {
  label: string;
  /** Omitted for the current page. */
  to?: string;
}

export function Breadcrumb({ items }: { items: readonly Crumb[] }) {
  return (
    <nav aria-label="Breadcrumb">
      <ol className="flex min-w-0 items-center gap-1.5 text-sm">
        {items.map((item, index) => (
          <Fragment key={`${item.label}-${index}`}>
            {index > 0 ? (
              <li aria-hidden="true" className="text-gray-500">
                <ChevronRight className="size-4" />
              </li>
            ) : null}
            <li className="min-w-0 truncate">
              {item.to ? (
                <Link
                  to={item.to}
                  className="rounded text-gray-600 hover:text-gray-900 focus-visible:outline-2 focus-visible:outline-brand-600"
                >
                  {item.label}
                </Link>
              ) : (
                <span aria-current="page" className="text-gray-900">
                  {item.label}
                </span>
              )}
            </li>
          </Fragment>
        ))}
      </ol>
    </nav>
  );
}
