import { screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Role } from '@contract/auth';
import { createDelivery } from '@testing/mocks/mock-deliveries';
import { createMockAgent, createMockWebhook, db, freezeMockClock } from '@testing/mocks/mock-db';
import { renderWithProviders } from '@testing/render-with-providers';
import { WebhookDetails } from './webhook-details';

const NOTICE = '3 deliveries were skipped while this endpoint was disabled.';

function setUp(signedInAs: Role = 'admin', status: 'enabled' | 'disabled' = 'disabled') {
  freezeMockClock();
  const webhook = createMockWebhook({
    url: 'https://legacy.example.com/hooks',
    status: 'disabled',
    disabledReason: 'Disabled automatically: every delivery failed for 5 days',
  });
  const agent = createMockAgent({ name: 'Survey' });
  for (const eventType of [
    'pre-conversation',
    'post-conversation',
    'analytics-completed',
  ] as const) {
    createDelivery({ webhook, agentId: agent.id, callId: 'call_1', eventType });
  }
  webhook.status = status;
  const view = renderWithProviders(
    <WebhookDetails webhookId={webhook.id} removeSubscription={vi.fn()} onDeleted={vi.fn()} />,
    { path: '/webhooks/:webhookId', url: `/webhooks/${webhook.id}`, signedInAs },
  );
  return { ...view, webhook };
}

describe('Skipped deliveries', () => {
  it('waits for the endpoint to be enabled, then replays them', async () => {
    const { user, webhook } = setUp();
    expect(await screen.findByText(NOTICE)).toBeInTheDocument();
    const replay = screen.getByRole('button', { name: 'Replay them' });
    expect(replay).toBeDisabled();
    expect(replay).toHaveAccessibleDescription('Enable the endpoint to replay them.');

    await user.click(screen.getByRole('button', { name: 'Enable' }));
    await vi.waitFor(() => expect(replay).toBeEnabled());
    expect(screen.getByText(NOTICE)).toBeInTheDocument();

    await user.click(replay);
    expect(await screen.findByText('3 skipped deliveries replayed')).toBeInTheDocument();
    await vi.waitFor(() => expect(screen.queryByText(NOTICE)).not.toBeInTheDocument());
    expect(db.deliveries.filter((d) => d.webhookId === webhook.id).map((d) => d.status)).toEqual([
      'pending',
      'pending',
      'pending',
    ]);
  });

  it('is offered to support staff but not to viewers', async () => {
    setUp('support', 'enabled');
    expect(await screen.findByRole('button', { name: 'Replay them' })).toBeEnabled();
  });

  it('tells a viewer why they cannot replay', async () => {
    setUp('viewer', 'enabled');
    const replay = await screen.findByRole('button', { name: 'Replay them' });
    expect(replay).toBeDisabled();
    expect(replay).toHaveAccessibleDescription('Only admins and support staff can send tests');
  });
});

describe('Failing endpoint', () => {
  it('says since when it fails and what happens after 5 days', async () => {
    createMockWebhook({ failingSince: '2026-11-24T15:30:00.000Z' });
    const webhook = db.webhooks[0];
    if (!webhook) throw new Error('no webhook');
    renderWithProviders(
      <WebhookDetails webhookId={webhook.id} removeSubscription={vi.fn()} onDeleted={vi.fn()} />,
      { path: '/webhooks/:webhookId', url: `/webhooks/${webhook.id}` },
    );
    expect(await screen.findByText(/^Failing since/)).toHaveTextContent(
      'Failing since 24 Nov 2026, 15:30; the endpoint is disabled automatically after 5 days of failures.',
    );
  });
});
