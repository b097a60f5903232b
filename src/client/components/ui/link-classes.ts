import { cn } from '@client/lib/cn';

const variants = {
  /** A value that is also a link (a URL, an id): quietly underlined, clearly on hover. */
  quiet: 'text-gray-900 underline decoration-gray-300 underline-offset-4 hover:decoration-gray-900',
  /** A "go there" link beside what it is about ("View call →"): short, in the brand colour. */
  action:
    'inline-flex items-center gap-1 text-sm font-medium text-brand-700 hover:text-brand-800 hover:underline',
} as const;

/** The classes of a text link (`buttonClasses` is for links that look like buttons). */
export function linkClasses({
  variant = 'quiet',
  className,
}: { variant?: keyof typeof variants; className?: string } = {}) {
  return cn(
    'rounded focus-visible:outline-2 focus-visible:outline-brand-600',
    variants[variant],
    className,
  );
}
