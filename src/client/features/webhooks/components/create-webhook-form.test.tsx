import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createMockWebhook, db } from '@testing/mocks/mock-db';
import { renderWithProviders } from '@testing/render-with-providers';
import { CreateWebhookForm } from './create-webhook-form';

function renderForm() {
  const onCreated = vi.fn();
  const view = renderWithProviders(<CreateWebhookForm onCreated={onCreated} onCancel={vi.fn()} />, {
    path: '/webhooks/new',
  });
  return { ...view, onCreated };
}

const urlInput = () => screen.getByRole('textbox', { name: 'Endpoint URL' });
const submit = () => screen.getByRole('button', { name: 'Add endpoint' });

describe('CreateWebhookForm', () => {
  it('explains what is wrong with the URL and with a reserved header name', async () => {
    const { user, onCreated } = renderForm();
    await user.type(urlInput(), 'not a url');
    await user.click(screen.getByRole('button', { name: 'Add header' }));
    await user.type(screen.getByRole('textbox', { name: 'Header 1 name' }), 'Content-Type');
    await user.type(screen.getByRole('textbox', { name: 'Header 1 value' }), 'text/plain');
    await user.click(submit());

    expect(urlInput()).toHaveAccessibleDescription(
      'Enter a full URL, such as https://example.com/webhook',
    );
    expect(urlInput()).toBeInvalid();
    expect(screen.getByRole('textbox', { name: 'Header 1 name' })).toHaveAccessibleDescription(
      'Content-Type is set by Ringpost and cannot be overridden',
    );
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('shows the server’s conflict on the URL field', async () => {
    createMockWebhook({ url: 'https://crm.example.com/hooks' });
    const { user, onCreated } = renderForm();
    await user.type(urlInput(), 'https://crm.example.com/hooks');
    await user.click(submit());

    expect(await screen.findByText('An endpoint with this URL already exists')).toBeInTheDocument();
    expect(urlInput()).toHaveAccessibleDescription('An endpoint with this URL already exists');
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('creates the endpoint with its description and headers', async () => {
    const { user, onCreated } = renderForm();
    await user.type(urlInput(), '  https://hooks.example.com/calls ');
    await user.type(screen.getByRole('textbox', { name: 'Description' }), 'Sends calls to the CRM');
    await user.click(screen.getByRole('button', { name: 'Add header' }));
    await user.type(screen.getByRole('textbox', { name: 'Header 1 name' }), 'X-Api-Key');
    await user.type(screen.getByRole('textbox', { name: 'Header 1 value' }), 'k_123');
    await user.click(submit());

    await vi.waitFor(() => expect(onCreated).toHaveBeenCalledOnce());
    expect(db.webhooks).toEqual([
      expect.objectContaining({
        url: 'https://hooks.example.com/calls',
        description: 'Sends calls to the CRM',
        headers: { 'X-Api-Key': 'k_123' },
      }),
    ]);
  });
});
