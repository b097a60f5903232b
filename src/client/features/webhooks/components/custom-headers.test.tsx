import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '@contract/auth';
import { createMockWebhook } from '@testing/mocks/mock-db';
import { renderWithProviders } from '@testing/render-with-providers';
import { WebhookDetails } from './webhook-details';

function setUp(signedInAs: Role) {
  const webhook = createMockWebhook({
    url: 'https://crm.example.com/hooks',
    headers: { 'X-Api-Key': 'crm-key-123', Authorization: 'Bearer crm-token' },
  });
  return renderWithProviders(
    <WebhookDetails webhookId={webhook.id} removeSubscription={vi.fn()} onDeleted={vi.fn()} />,
    { path: '/webhooks/:webhookId', url: `/webhooks/${webhook.id}`, signedInAs },
  );
}

describe('Custom headers', () => {
  it('masks the values for admins until they reveal them', async () => {
    const { user } = setUp('admin');
    expect(await screen.findByText('X-Api-Key')).toBeInTheDocument();
    expect(screen.queryByText('crm-key-123')).not.toBeInTheDocument();
    expect(screen.getByLabelText('X-Api-Key value, hidden')).toHaveTextContent('••••••••');
    await user.click(screen.getByRole('button', { name: 'Reveal values' }));
    expect(screen.getByText('crm-key-123')).toBeInTheDocument();
    expect(screen.getByText('Bearer crm-token')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Hide values' }));
    expect(screen.queryByText('crm-key-123')).not.toBeInTheDocument();
  });

  it.each(['support', 'viewer'] as const)(
    'shows %s the names only, with no way to reveal the values',
    async (role) => {
      setUp(role);
      expect(await screen.findByText('Authorization')).toBeInTheDocument();
      expect(screen.getByText('Only admins can see header values')).toBeInTheDocument();
      expect(screen.queryByRole('button', { name: 'Reveal values' })).not.toBeInTheDocument();
      expect(document.body).not.toHaveTextContent('crm-key-123');
    },
  );
});
