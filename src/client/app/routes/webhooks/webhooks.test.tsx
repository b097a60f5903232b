import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createDelivery } from '@testing/mocks/mock-deliveries';
import {
  advanceMockClock,
  createMockAgent,
  createMockWebhook,
  freezeMockClock,
} from '@testing/mocks/mock-db';
import { renderWithProviders } from '@testing/render-with-providers';
import { WebhooksRoute } from './webhooks';

const rowOf = (url: string) =>
  screen.getByRole('row', { name: new RegExp(url.replaceAll('.', '\\.')) });

describe('WebhooksRoute', () => {
  it('shows each endpoint as enabled, failing since when, or disabled and why, and follows changes live', async () => {
    freezeMockClock();
    const failingSince = new Date(Date.now() - 2 * 86_400_000).toISOString();
    createMockWebhook({ url: 'https://ok.example.com/hooks' });
    createMockWebhook({ url: 'https://failing.example.com/hooks', failingSince });
    createMockWebhook({
      url: 'https://off.example.com/hooks',
      status: 'disabled',
      disabledReason: 'Disabled by Ada Admin',
    });
    const gone = createMockWebhook({ url: 'https://gone.example.com/hooks', receiver: 'gone' });
    const agent = createMockAgent();
    renderWithProviders(<WebhooksRoute />, { path: '/webhooks' });

    await screen.findByRole('link', { name: 'https://ok.example.com/hooks' });
    expect(within(rowOf('https://ok.example.com')).getByText('Enabled')).toBeInTheDocument();
    expect(rowOf('https://failing.example.com')).toHaveTextContent(/Failing\s*since \d+ \w+ \d{4}/);
    expect(rowOf('https://off.example.com')).toHaveTextContent('DisabledDisabled by Ada Admin');
    expect(within(rowOf('https://gone.example.com')).getByText('Enabled')).toBeInTheDocument();

    // An event for the endpoint that answers 410: the engine disables it, and the list shows it.
    createDelivery({
      webhook: gone,
      agentId: agent.id,
      callId: 'call_1',
      eventType: 'pre-conversation',
    });
    advanceMockClock(2_000);
    expect(
      await within(rowOf('https://gone.example.com')).findByText(
        'Disabled',
        {},
        { timeout: 2_500 },
      ),
    ).toBeInTheDocument();
    expect(rowOf('https://gone.example.com')).toHaveTextContent('the endpoint answered 410 Gone');
  });
});
