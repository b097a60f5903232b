import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '@contract/auth';
import { createPastDelivery } from '@testing/mocks/mock-deliveries';
import {
  advanceMockClock,
  createMockAgent,
  createMockWebhook,
  freezeMockClock,
  subscribeMockAgent,
} from '@testing/mocks/mock-db';
import { renderWithProviders } from '@testing/render-with-providers';
import { AgentSettingsRoute } from './agent-settings';
import { AgentWebhookRoute } from './agent-webhook';

function setUp({ role = 'admin', subscribed = true }: { role?: Role; subscribed?: boolean } = {}) {
  freezeMockClock();
  const webhook = createMockWebhook({ url: 'https://crm.example.com/hooks' });
  const agent = createMockAgent({ name: 'Reception' });
  if (subscribed)
    subscribeMockAgent(agent.id, webhook.id, ['pre-conversation', 'analytics-completed']);
  return renderWithProviders(<AgentSettingsRoute />, {
    path: '/agents/:agentId',
    url: `/agents/${agent.id}/webhook`,
    children: [{ path: 'webhook', element: <AgentWebhookRoute /> }],
    signedInAs: role,
  });
}

describe('AgentWebhookRoute: test call', () => {
  it('makes a test call and follows the subscribed events below the configuration', async () => {
    const { user } = setUp({ role: 'support' });
    await user.click(await screen.findByRole('button', { name: 'Make test call' }));

    const panel = await screen.findByRole('region', { name: 'Test call' });
    const table = await within(panel).findByRole('table');
    const names = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) => within(row).getAllByRole('cell')[0]?.firstChild?.textContent);
    expect(names()).toEqual(['Start', 'Analytics Completed']);

    advanceMockClock(1_000);
    expect(await within(table).findByText('Delivered', {}, { timeout: 3_000 })).toBeInTheDocument();
  });

  it('is offered only when the agent has a webhook', async () => {
    setUp({ subscribed: false });
    expect(
      await screen.findByRole('heading', { name: 'No webhook configured' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Make test call' })).not.toBeInTheDocument();
  });

  it('tells a viewer why they cannot make one', async () => {
    setUp({ role: 'viewer' });
    const button = await screen.findByRole('button', { name: 'Make test call' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription('Only admins and support staff can send tests');
  });
});

describe('AgentWebhookRoute: recent deliveries', () => {
  it('lists the agent’s recent deliveries, not only its test call’s, with the call id and the event’s label', async () => {
    freezeMockClock();
    const webhook = createMockWebhook({ url: 'https://crm.example.com/hooks' });
    const agent = createMockAgent({ name: 'Reception' });
    const other = createMockAgent({ name: 'Survey' });
    subscribeMockAgent(agent.id, webhook.id, ['pre-conversation', 'post-conversation']);
    for (const [who, callId] of [
      [agent, 'call_real_1'],
      [other, 'call_other'],
    ] as const) {
      createPastDelivery({
        webhook,
        agent: who,
        eventType: 'post-conversation',
        callId,
        at: Date.now() - 3_600_000,
        outcomes: ['timeout'],
        final: true,
      });
    }
    renderWithProviders(<AgentSettingsRoute />, {
      path: '/agents/:agentId',
      url: `/agents/${agent.id}/webhook`,
      children: [{ path: 'webhook', element: <AgentWebhookRoute /> }],
    });

    const section = await screen.findByRole('region', { name: 'Recent deliveries' });
    const table = await within(section).findByRole('table');
    const [, row] = within(table).getAllByRole('row');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(row).toHaveTextContent('End');
    expect(row).toHaveTextContent('call_real_1');
    expect(row).toHaveTextContent('Timed outNo response within 15 s');
    expect(row).not.toHaveTextContent('.post-conversation');
    expect(within(section).getByRole('link', { name: 'View all in Deliveries' })).toHaveAttribute(
      'href',
      `/deliveries?agentId=${agent.id}`,
    );
  });
});
