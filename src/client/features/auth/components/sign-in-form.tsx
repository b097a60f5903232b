import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { LoginRequestSchema, type Session } from '@contract/auth';
import { ErrorAlert } from '@client/components/ui/alert';
import { Button } from '@client/components/ui/button';
import { FieldError, Label, describedBy } from '@client/components/ui/field';
import { Input } from '@client/components/ui/input';
import { errorMessage } from '@client/lib/api-client';
import { useSignIn } from '../api/sign-in';

export function SignInForm({ onSignedIn }: { onSignedIn: (session: Session) => void }) {
  const signIn = useSignIn({ onSuccess: onSignedIn });
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm({
    resolver: zodResolver(LoginRequestSchema),
    defaultValues: { email: '', password: '' },
  });

  return (
    <form
      noValidate
      className="space-y-5"
      onSubmit={(event) => void handleSubmit((values) => signIn.mutate(values))(event)}
    >
      {signIn.isError ? <ErrorAlert>{errorMessage(signIn.error)}</ErrorAlert> : null}
      <div>
        <Label htmlFor="sign-in-email">Email</Label>
        <Input
          id="sign-in-email"
          type="email"
          autoComplete="username"
          className="mt-1.5"
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={describedBy(errors.email && 'sign-in-email-error')}
          {...register('email')}
        />
        <FieldError id="sign-in-email-error">{errors.email?.message}</FieldError>
      </div>
      <div>
        <Label htmlFor="sign-in-password">Password</Label>
        <Input
          id="sign-in-password"
          type="password"
          autoComplete="current-password"
          className="mt-1.5"
          aria-invalid={errors.password ? true : undefined}
          aria-describedby={describedBy(errors.password && 'sign-in-password-error')}
          {...register('password')}
        />
        <FieldError id="sign-in-password-error">{errors.password?.message}</FieldError>
      </div>
      <Button type="submit" variant="primary" className="w-full" disabled={signIn.isPending}>
        {signIn.isPending ? 'Signing in…' : 'Sign in'}
      </Button>
    </form>
  );
}
