import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createDelivery } from '@testing/mocks/mock-deliveries';
import {
  advanceMockClock,
  createMockAgent,
  createMockWebhook,
  db,
  freezeMockClock,
} from '@testing/mocks/mock-db';
import { renderWithProviders } from '@testing/render-with-providers';
import { WebhookDetailRoute } from './webhook-detail';

describe('WebhookDetailRoute', () => {
  it('sends a test event of the chosen type, which then shows in the recent deliveries', async () => {
    freezeMockClock();
    const webhook = createMockWebhook({ url: 'https://crm.example.com/hooks' });
    const { user } = renderWithProviders(<WebhookDetailRoute />, {
      path: '/webhooks/:webhookId',
      url: `/webhooks/${webhook.id}`,
      signedInAs: 'support',
    });
    expect(await screen.findByRole('heading', { name: 'No deliveries yet' })).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Test event type' }), 'End');
    await user.click(screen.getByRole('button', { name: 'Send test event' }));

    expect(await screen.findByText('Test event queued')).toBeInTheDocument();
    const table = await screen.findByRole('table');
    const [, row] = within(table).getAllByRole('row');
    expect(row).toHaveTextContent(/EndTest/);
    expect(db.deliveries).toEqual([
      expect.objectContaining({
        webhookId: webhook.id,
        eventType: 'post-conversation',
        isTest: true,
      }),
    ]);
    expect(screen.getByRole('link', { name: 'View all in Deliveries' })).toHaveAttribute(
      'href',
      `/deliveries?webhookId=${webhook.id}`,
    );
  });

  it('shows an automatic disable after a 410 without a reload, with its reason', async () => {
    freezeMockClock();
    const webhook = createMockWebhook({ url: 'https://old.example.com/hooks', receiver: 'gone' });
    const agent = createMockAgent();
    createDelivery({ webhook, agentId: agent.id, callId: 'call_1', eventType: 'pre-conversation' });
    renderWithProviders(<WebhookDetailRoute />, {
      path: '/webhooks/:webhookId',
      url: `/webhooks/${webhook.id}`,
    });
    expect(await screen.findByRole('button', { name: 'Disable' })).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: 'Health' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Retry failed deliveries' })).toBeInTheDocument();

    advanceMockClock(2_000);
    expect(await screen.findByRole('button', { name: 'Enable' }, { timeout: 2_500 })).toBeVisible();
    // The reason, then when, formatted as every other date on the page.
    expect(
      screen.getByText(
        /^Disabled automatically: the endpoint answered 410 Gone · \d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/,
      ),
    ).toBeInTheDocument();
    const table = screen.getByRole('table');
    await within(table).findByText('Failed');
    expect(within(table).getByText('410')).toBeInTheDocument();
  });

  it('asks before disabling the endpoint: cancelling changes nothing, confirming disables it', async () => {
    const webhook = createMockWebhook({ url: 'https://crm.example.com/hooks' });
    const { user } = renderWithProviders(<WebhookDetailRoute />, {
      path: '/webhooks/:webhookId',
      url: `/webhooks/${webhook.id}`,
    });
    await user.click(await screen.findByRole('button', { name: 'Disable' }));
    const dialog = await screen.findByRole('dialog', { name: 'Disable this endpoint?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(db.webhooks.find((w) => w.id === webhook.id)?.status).toBe('enabled');

    await user.click(screen.getByRole('button', { name: 'Disable' }));
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Disable' }),
    );
    expect(await screen.findByRole('button', { name: 'Enable' })).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(db.webhooks.find((w) => w.id === webhook.id)?.status).toBe('disabled');
  });

  it('names the endpoint in the breadcrumb by its description, not its URL', async () => {
    const webhook = createMockWebhook({
      url: 'https://a-very-long-host-name.example.com/hooks/ringpost/production/v2',
      description: 'CRM sync',
    });
    renderWithProviders(<WebhookDetailRoute />, {
      path: '/webhooks/:webhookId',
      url: `/webhooks/${webhook.id}`,
    });
    const trail = await screen.findByRole('navigation', { name: 'Breadcrumb' });
    expect(await within(trail).findByText('CRM sync')).toBeInTheDocument();
    expect(trail).not.toHaveTextContent(webhook.url);
  });

  it('keeps the test tools from a viewer, with the reason', async () => {
    const webhook = createMockWebhook();
    renderWithProviders(<WebhookDetailRoute />, {
      path: '/webhooks/:webhookId',
      url: `/webhooks/${webhook.id}`,
      signedInAs: 'viewer',
    });
    const send = await screen.findByRole('button', { name: 'Send test event' });
    expect(send).toBeDisabled();
    expect(send).toHaveAccessibleDescription('Only admins and support staff can send tests');
    expect(screen.getByRole('button', { name: 'Run self-test' })).toBeDisabled();
  });

  it('explains that a disabled endpoint must be enabled before it can be tested', async () => {
    const webhook = createMockWebhook({
      status: 'disabled',
      disabledReason: 'Disabled by Ada Admin',
    });
    renderWithProviders(<WebhookDetailRoute />, {
      path: '/webhooks/:webhookId',
      url: `/webhooks/${webhook.id}`,
    });
    const send = await screen.findByRole('button', { name: 'Send test event' });
    expect(send).toBeDisabled();
    expect(send).toHaveAccessibleDescription('Enable the endpoint to send test events.');
    const selfTest = screen.getByRole('button', { name: 'Run self-test' });
    expect(selfTest).toBeDisabled();
    expect(selfTest).toHaveAccessibleDescription('Enable the endpoint to run the self-test.');
  });
});
