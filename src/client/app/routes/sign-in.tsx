import { useNavigate, useSearchParams } from '@client/lib/router';
import { SignInForm } from '@client/features/auth/components/sign-in-form';
import { paths, safeInternalPath } from '@client/lib/paths';

export function SignInRoute() {
  const [searchParams] = useSearchParams();
  const navigate = useNavigate();
  const next = safeInternalPath(searchParams.get('next'), paths.agents());

  return (
    <main className="flex min-h-screen items-center justify-center bg-gray-100 px-4">
      <title>Sign in · Ringpost</title>
      <div className="w-full max-w-sm">
        <p className="mb-6 flex items-center justify-center gap-2 text-lg font-semibold text-gray-900">
          <span
            aria-hidden="true"
            className="flex size-8 items-center justify-center rounded-lg bg-brand-600 text-white"
          >
            R
          </span>
          Ringpost
        </p>
        <div className="rounded-2xl border border-gray-200 bg-white p-8 shadow-xs">
          <h1 className="text-xl font-semibold text-gray-900">Sign in</h1>
          <p className="mt-1 mb-6 text-sm text-gray-600">to the webhook console</p>
          <SignInForm onSignedIn={() => void navigate(next, { replace: true })} />
        </div>
      </div>
    </main>
  );
}
