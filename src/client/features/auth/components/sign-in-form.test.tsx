import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { MOCK_PASSWORD } from '@testing/mocks/mock-db';
import { renderWithProviders } from '@testing/render-with-providers';
import { SignInForm } from './sign-in-form';

function renderSignIn() {
  const onSignedIn = vi.fn();
  const view = renderWithProviders(<SignInForm onSignedIn={onSignedIn} />, {
    path: '/sign-in',
    signedInAs: null,
  });
  return { ...view, onSignedIn };
}

describe('SignInForm', () => {
  it('shows the server’s refusal inline when the credentials are wrong', async () => {
    const { user, onSignedIn } = renderSignIn();
    await user.type(screen.getByLabelText('Email'), 'admin@example.com');
    await user.type(screen.getByLabelText('Password'), 'not the password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is incorrect');
    expect(onSignedIn).not.toHaveBeenCalled();
  });

  it('checks the fields before asking the server', async () => {
    const { user } = renderSignIn();
    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByText('Enter a valid email address')).toBeInTheDocument();
    expect(screen.getByText('Enter your password')).toBeInTheDocument();
    expect(screen.getByLabelText('Email')).toHaveAccessibleDescription(
      'Enter a valid email address',
    );
  });

  it('hands over the session after a successful sign-in', async () => {
    const { user, onSignedIn } = renderSignIn();
    await user.type(screen.getByLabelText('Email'), 'admin@example.com');
    await user.type(screen.getByLabelText('Password'), MOCK_PASSWORD);
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    await vi.waitFor(() => expect(onSignedIn).toHaveBeenCalledOnce());
    expect(onSignedIn.mock.calls[0]?.[0]).toMatchObject({ user: { role: 'admin' } });
  });
});
