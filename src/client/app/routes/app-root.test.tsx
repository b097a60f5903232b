import { screen, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import { API, apiError } from '@testing/mocks/mock-api';
import { currentMockUser } from '@testing/mocks/mock-db';
import { server } from '@testing/msw-server';
import { renderWithProviders } from '@testing/render-with-providers';
import { AppRoot } from './app-root';

function renderSignedIn() {
  return renderWithProviders(<AppRoot />, {
    path: '/',
    url: '/agents',
    signedInAs: 'support',
    children: [{ path: 'agents', element: <h1>Agents page</h1> }],
    routes: [{ path: '/sign-in', element: <h1>Sign-in page</h1> }],
  });
}

describe('the user menu', () => {
  it('signs out everywhere after asking, and returns to sign-in', async () => {
    const { user } = renderSignedIn();
    await user.click(await screen.findByRole('button', { name: 'Sign out everywhere' }));

    const dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere?' });
    expect(dialog).toHaveTextContent('this one included');
    await user.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));

    expect(await screen.findByRole('heading', { name: 'Sign-in page' })).toBeInTheDocument();
    expect(currentMockUser()).toBeNull();
  });

  it('changes nothing when the question is cancelled', async () => {
    const { user } = renderSignedIn();
    await user.click(await screen.findByRole('button', { name: 'Sign out everywhere' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Agents page' })).toBeInTheDocument();
    expect(currentMockUser()).not.toBeNull();
  });

  it('shows the server’s refusal in the dialog and stays signed in', async () => {
    server.use(
      http.post(`${API}/auth/logout-all`, () =>
        apiError(500, 'internal', 'Something went wrong on our side'),
      ),
    );
    const { user } = renderSignedIn();
    await user.click(await screen.findByRole('button', { name: 'Sign out everywhere' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere?' });
    await user.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));

    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Something went wrong on our side',
    );
    expect(currentMockUser()).not.toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.getByRole('heading', { name: 'Agents page' })).toBeInTheDocument();
  });
});
