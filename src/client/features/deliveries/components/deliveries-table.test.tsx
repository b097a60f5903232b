import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '@contract/auth';
import { createDelivery, createPastDelivery } from '@testing/mocks/mock-deliveries';
import {
  advanceMockClock,
  createMockAgent,
  createMockWebhook,
  freezeMockClock,
} from '@testing/mocks/mock-db';
import { server } from '@testing/msw-server';
import { renderWithProviders } from '@testing/render-with-providers';
import { DeliveriesTable } from './deliveries-table';

const HOUR = 3_600_000;

function setUp({ signedInAs = 'admin' }: { signedInAs?: Role } = {}) {
  freezeMockClock();
  const webhook = createMockWebhook({ url: 'https://crm.example.com/hooks' });
  const agent = createMockAgent({ name: 'Reception' });
  const view = renderWithProviders(<DeliveriesTable filters={{ webhookId: webhook.id }} />, {
    path: '/webhooks/:webhookId',
    url: `/webhooks/${webhook.id}`,
    signedInAs,
  });
  return { ...view, webhook, agent };
}

/** The table's body rows, as the text of each cell. */
function rows() {
  const table = screen.getByRole('table', { hidden: true });
  return within(table)
    .getAllByRole('row', { hidden: true })
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell', { hidden: true })
        .map((cell) => cell.textContent),
    );
}

/** Every `GET /deliveries` made from now on. */
function listRequests() {
  const urls: URL[] = [];
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (request.method === 'GET' && url.pathname === '/api/v1/deliveries') urls.push(url);
  });
  return urls;
}

describe('DeliveriesTable', () => {
  it('lists the newest first: time to the second, status, event label, call id, response, attempts', async () => {
    const { webhook, agent } = setUp();
    createPastDelivery({
      webhook,
      agent,
      eventType: 'pre-conversation',
      callId: 'call_1',
      at: Date.now() - 2 * HOUR,
      outcomes: ['ok'],
    });
    createPastDelivery({
      webhook,
      agent,
      eventType: 'post-conversation',
      callId: 'call_1',
      at: Date.now() - HOUR,
      outcomes: ['bad-gateway', 'timeout'],
      final: true,
    });
    createPastDelivery({
      webhook,
      agent: null,
      eventType: 'analytics-completed',
      callId: 'test_1',
      at: Date.now() - HOUR / 2,
      outcomes: ['ok'],
    });

    expect(await screen.findAllByRole('button', { name: /^View payload/ })).toHaveLength(3);
    const [test, failed, delivered] = rows();
    expect(test?.[0]).toMatch(/^\d{1,2} \w{3} \d{4}, \d\d:\d\d:\d\d$/);
    expect(test?.slice(1, 6)).toEqual([
      'Delivered',
      'Analytics CompletedTestTest event, no agent',
      'test_1',
      '200',
      '1',
    ]);
    // A timeout says what the limit was.
    expect(failed?.slice(1, 6)).toEqual([
      'Failed',
      'EndReception',
      'call_1',
      'Timed outNo response within 15 s',
      '2',
    ]);
    expect(delivered?.slice(1, 3)).toEqual(['Delivered', 'StartReception']);
    expect(screen.getAllByRole('link', { name: 'call_1' })[0]).toHaveAttribute(
      'href',
      '/calls/call_1',
    );
    expect(screen.getAllByRole('button', { name: 'Copy call id call_1' })).toHaveLength(2);
    // Never the wire name `<agent>.<eventType>` as the event's name.
    expect(screen.queryByText(`${agent.id}.post-conversation`)).not.toBeInTheDocument();
  });

  it('loads older deliveries page by page', async () => {
    const { user, webhook, agent } = setUp();
    for (let i = 0; i < 25; i++) {
      createPastDelivery({
        webhook,
        agent,
        eventType: 'post-conversation',
        callId: `call_${i}`,
        at: Date.now() - (i + 1) * HOUR,
        outcomes: ['ok'],
      });
    }

    expect(await screen.findAllByRole('button', { name: /^View payload/ })).toHaveLength(20);
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findAllByRole('button', { name: /^View payload/ })).toHaveLength(25);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('turns a row Delivered when the live stream says it changed, and asks nothing while nothing changes', async () => {
    const { webhook, agent } = setUp();
    createDelivery({ webhook, agentId: agent.id, callId: 'call_1', eventType: 'pre-conversation' });

    expect(await screen.findByText('Pending')).toBeInTheDocument();
    const requests = listRequests();
    // Quiet: no change, no request (a poll would have asked again by now).
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(requests).toHaveLength(0);

    advanceMockClock(2_000);
    expect(await screen.findByText('Delivered')).toBeInTheDocument();
    expect(rows()[0]?.slice(4, 6)).toEqual(['200', '1']);
    expect(requests).toHaveLength(1);
  });

  it('shows that a delivery waits for its call’s Start', async () => {
    const { webhook, agent } = setUp();
    webhook.receiver = 'server-error';
    createPastDelivery({
      webhook,
      agent,
      eventType: 'pre-conversation',
      callId: 'call_1',
      at: Date.now() - 60_000,
      outcomes: ['bad-gateway'],
    });
    createDelivery({
      webhook,
      agentId: agent.id,
      callId: 'call_1',
      eventType: 'post-conversation',
    });

    await screen.findAllByRole('button', { name: /^View payload/ });
    expect(rows()[0]?.[1]).toBe("PendingWaits for this call's Start");
    expect(rows()[1]?.[1]).toMatch(/^PendingRetry at \d\d:\d\d:\d\d$/);
  });

  it('opens a delivery’s payload', async () => {
    const { user, webhook, agent } = setUp();
    createPastDelivery({
      webhook,
      agent,
      eventType: 'post-conversation',
      callId: 'call_1',
      at: Date.now() - HOUR,
      outcomes: ['ok'],
    });
    await user.click(await screen.findByRole('button', { name: /^View payload of End/ }));
    const dialog = await screen.findByRole('dialog', { name: 'End delivery' });
    expect(
      await within(dialog).findByRole('heading', { name: 'Attempts (1)' }),
    ).toBeInTheDocument();
  });

  it('explains an empty list', async () => {
    setUp();
    expect(await screen.findByRole('heading', { name: 'No deliveries yet' })).toBeInTheDocument();
  });
});
