import { Link } from '@client/lib/router';
import { PageBody } from '@client/components/layout/page';
import { buttonClasses } from '@client/components/ui/button';
import { paths } from '@client/lib/paths';

export function NotFoundRoute() {
  return (
    <PageBody className="flex min-h-[60vh] flex-col items-center justify-center text-center">
      <title>Page not found · Ringpost</title>
      <p className="text-sm font-medium text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold text-gray-900">Page not found</h1>
      <p className="mt-2 text-gray-600">There is nothing at this address. It may have moved.</p>
      <Link to={paths.home()} className={buttonClasses({ variant: 'primary', className: 'mt-6' })}>
        Go to the home page
      </Link>
    </PageBody>
  );
}
