import type { ReactNode } from 'react';

export function EmptyState({
  icon,
  title,
  children,
  action,
  headingLevel = 3,
}: {
  /** Under a page's h1 use 2; under a section's h2, 3. */
  headingLevel?: 2 | 3;
  icon?: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="flex flex-col items-center rounded-xl border border-dashed border-gray-300 px-6 py-10 text-center">
      {icon ? (
        <div className="mb-3 flex size-11 items-center justify-center rounded-xl border border-gray-200 bg-white text-gray-600">
          {icon}
        </div>
      ) : null}
      <Heading className="font-medium text-gray-900">{title}</Heading>
      {children ? <div className="mt-1 max-w-md text-sm text-gray-500">{children}</div> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
