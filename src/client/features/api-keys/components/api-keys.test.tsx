import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '@contract/auth';
import { API_KEY_PREFIX } from '@contract/api-keys';
import { createMockApiKey, db } from '@testing/mocks/mock-db';
import { renderWithProviders } from '@testing/render-with-providers';
import { ApiKeys } from './api-keys';

function setUp(signedInAs: Role = 'admin') {
  const production = createMockApiKey({
    name: 'Voice platform (production)',
    prefix: 'rpk_3kF9aQ2x',
    lastUsedAt: '2026-11-26T09:00:00.000Z',
  });
  const loadTest = createMockApiKey({ name: 'Load test', prefix: 'rpk_Vb81xTpe' });
  const view = renderWithProviders(<ApiKeys />, { path: '/api-keys', signedInAs });
  return { ...view, production, loadTest };
}

/** Rows by their name cell; `hidden` too, for the list behind an open (modal) dialog. */
const row = (name: string) =>
  screen.getByRole('row', { name: new RegExp(`^${name}`), hidden: true });

/** Waits for the list, then finds a row's button (role queries over a table are slow in jsdom). */
async function revokeButton(name: string) {
  await screen.findByText(name, { selector: 'td' });
  return screen.getByRole('button', { name: `Revoke ${name}` });
}

describe('ApiKeys', () => {
  it('lists each key with its prefix, creator, last use and status', async () => {
    setUp();
    expect(await screen.findByText('Load test', { selector: 'td' })).toBeInTheDocument();
    expect(within(row('Load test')).getByText('rpk_Vb81xTpe…')).toBeInTheDocument();
    expect(within(row('Load test')).getByText('Never')).toBeInTheDocument();
    expect(within(row('Load test')).getByText('by Ada Admin')).toBeInTheDocument();
    expect(within(row('Voice platform')).getByText('Active')).toBeInTheDocument();
    expect(within(row('Voice platform')).queryByText('Never')).not.toBeInTheDocument();
  });

  it('shows a new key once, with the warning, and forgets it after Done', async () => {
    const { user } = setUp();
    await screen.findByText('Load test', { selector: 'td' });
    await user.click(screen.getByRole('button', { name: 'Create API key' }));
    const dialog = screen.getByRole('dialog', { name: 'Create API key' });

    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));
    expect(within(dialog).getByRole('textbox', { name: 'Name' })).toHaveAccessibleDescription(
      /Give the key a name/,
    );

    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Zapier');
    await user.click(within(dialog).getByRole('button', { name: 'Create key' }));

    const created = await screen.findByRole('dialog', { name: 'API key created' });
    expect(within(created).getByRole('alert')).toHaveTextContent(
      'Copy this key now. You will not be able to see it again.',
    );
    const keyBox = within(created).getByRole('textbox', { name: 'API key' });
    const key = (keyBox as HTMLInputElement).value;
    expect(key).toMatch(new RegExp(`^${API_KEY_PREFIX}[A-Za-z0-9]{40}$`));
    expect(within(created).getByRole('button', { name: 'Copy' })).toBeInTheDocument();
    // The list shows the new key by its prefix only.
    expect(within(row('Zapier')).getByText(`${key.slice(0, 12)}…`)).toBeInTheDocument();

    await user.click(within(created).getByRole('button', { name: 'Done' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    // Back where the user was, although the dialog stays mounted while closed.
    expect(screen.getByRole('button', { name: 'Create API key' })).toHaveFocus();
    expect(screen.queryByDisplayValue(key)).not.toBeInTheDocument();
    expect(document.body).not.toHaveTextContent(key);

    // Opening the dialog again starts a new key; the old one is gone for good.
    await user.click(screen.getByRole('button', { name: 'Create API key' }));
    const again = screen.getByRole('dialog', { name: 'Create API key' });
    expect(within(again).getByRole('textbox', { name: 'Name' })).toHaveValue('');
    expect(screen.queryByDisplayValue(key)).not.toBeInTheDocument();
  });

  it('revokes a key after a confirmation, and keeps it listed as revoked', async () => {
    const { user, loadTest } = setUp();
    await user.click(await revokeButton('Load test'));
    const dialog = screen.getByRole('dialog', { name: 'Revoke API key?' });
    expect(dialog).toHaveTextContent('rpk_Vb81xTpe…');

    await user.click(within(dialog).getByRole('button', { name: 'Revoke key' }));

    expect(await screen.findByText('Load test revoked')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(await within(row('Load test')).findByText('Revoked')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Revoke Load test' })).not.toBeInTheDocument();
    expect(db.apiKeys.find((k) => k.id === loadTest.id)?.revokedAt).not.toBeNull();
  });

  it('keeps a key when the revocation is cancelled', async () => {
    const { user, loadTest } = setUp();
    await user.click(await revokeButton('Load test'));
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(db.apiKeys.find((k) => k.id === loadTest.id)?.revokedAt).toBeNull();
  });

  it.each<Role>(['viewer', 'support'])('offers a %s neither create nor revoke', async (role) => {
    setUp(role);
    expect(await screen.findByText('Load test', { selector: 'td' })).toBeInTheDocument();
    expect(screen.getByText('Only admins can create or revoke API keys')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Create API key' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Revoke/ })).not.toBeInTheDocument();
  });

  it('explains what keys are for when there are none', async () => {
    renderWithProviders(<ApiKeys />, { path: '/api-keys' });
    expect(await screen.findByRole('heading', { name: 'No API keys yet' })).toBeInTheDocument();
    expect(
      screen.getByText(/The call platform sends call events to Ringpost with an API key/),
    ).toHaveTextContent('Authorization: Bearer <key> on POST /api/v1/events');
    expect(screen.getByRole('button', { name: 'Create API key' })).toBeInTheDocument();
  });
});
