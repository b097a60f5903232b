import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createDelivery, createPastDelivery } from '@testing/mocks/mock-deliveries';
import {
  advanceMockClock,
  createMockAgent,
  createMockWebhook,
  freezeMockClock,
} from '@testing/mocks/mock-db';
import { renderWithProviders } from '@testing/render-with-providers';
import { CallRoute } from './call';

const MINUTE = 60_000;

function setUp(callId: string) {
  return renderWithProviders(<CallRoute />, {
    path: '/calls/:callId',
    url: `/calls/${encodeURIComponent(callId)}`,
  });
}

/** Each step of an endpoint's timeline as [event, status, gap note]. */
function steps(section: HTMLElement) {
  return within(within(section).getByRole('list', { name: /^Deliveries to / }))
    .getAllByRole('listitem')
    .map((item) => [
      within(item).getByRole('heading').textContent,
      item.querySelector('[class*="rounded-full px-2.5"]')?.textContent,
      item.querySelector('p')?.textContent ?? null,
    ]);
}

describe('CallRoute', () => {
  it('shows one call’s deliveries per endpoint, Start → End → Analytics Completed, with the time between them', async () => {
    freezeMockClock();
    const crm = createMockWebhook({ url: 'https://crm.example.com/hooks' });
    const archive = createMockWebhook({ url: 'https://archive.example.com/calls' });
    const agent = createMockAgent({ name: 'Reception' });
    const at = Date.now() - 10 * MINUTE;
    // Made out of order: the view puts them in call order.
    for (const [webhook, eventType, minutes, outcomes] of [
      [crm, 'analytics-completed', 4, ['ok']],
      [crm, 'pre-conversation', 0, ['ok']],
      [archive, 'post-conversation', 3, ['bad-gateway', 'ok']],
      [crm, 'post-conversation', 3, ['ok']],
    ] as const) {
      createPastDelivery({
        webhook,
        agent,
        eventType,
        callId: 'call_42',
        at: at + minutes * MINUTE,
        outcomes,
      });
    }
    createPastDelivery({
      webhook: crm,
      agent,
      eventType: 'pre-conversation',
      callId: 'call_other',
      at,
      outcomes: ['ok'],
    });
    setUp('call_42');

    const crmSection = await screen.findByRole('region', {
      name: 'Endpoint https://crm.example.com/hooks',
    });
    expect(screen.getByRole('heading', { level: 1, name: 'Call call_42' })).toBeInTheDocument();
    expect(steps(crmSection)).toEqual([
      ['Start', 'Delivered', null],
      ['End', 'Delivered', '3 min after Start'],
      ['Analytics Completed', 'Delivered', '1 min after End'],
    ]);
    const archiveSection = screen.getByRole('region', {
      name: 'Endpoint https://archive.example.com/calls',
    });
    expect(steps(archiveSection)).toEqual([['End', 'Delivered', null]]);
    expect(archiveSection).toHaveTextContent('2 attempts, last response 200');
    expect(screen.getByText('4 deliveries to 2 endpoints')).toBeInTheDocument();
    expect(screen.getByText('Reception')).toBeInTheDocument();

    const open = within(crmSection).getByRole('link', {
      name: 'Open delivery: End to https://crm.example.com/hooks',
    });
    expect(open.getAttribute('href')).toMatch(/^\/deliveries\/msg_\w+\?q=call_42$/);
    expect(screen.getByRole('link', { name: 'This call in Deliveries' })).toHaveAttribute(
      'href',
      '/deliveries?q=call_42',
    );
  });

  it('follows a delivery on its way until it has settled, by the live stream', async () => {
    freezeMockClock();
    const webhook = createMockWebhook();
    const agent = createMockAgent();
    createDelivery({ webhook, agentId: agent.id, callId: 'call_1', eventType: 'pre-conversation' });
    setUp('call_1');

    expect(await screen.findByText('Pending')).toBeInTheDocument();
    expect(screen.getByText('1 delivery to 1 endpoint, 1 on their way')).toBeInTheDocument();
    advanceMockClock(2_000);
    await waitFor(() => expect(screen.getByText('Delivered')).toBeInTheDocument(), {
      timeout: 2_000,
    });
  });

  it('says when nothing was sent for a call id', async () => {
    setUp('call:1.a');
    expect(
      await screen.findByRole('heading', { name: 'No deliveries for this call' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All deliveries' })).toHaveAttribute(
      'href',
      '/deliveries',
    );
  });

  it('says when the address holds no call id', async () => {
    setUp('not a call');
    expect(await screen.findByText(/^This is not a call id: Call ids may use/)).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /^Open delivery/ })).not.toBeInTheDocument();
  });
});
