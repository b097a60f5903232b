import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '@contract/auth';
import { createDelivery, createPastDelivery } from '@testing/mocks/mock-deliveries';
import {
  advanceMockClock,
  createMockAgent,
  createMockWebhook,
  db,
  freezeMockClock,
} from '@testing/mocks/mock-db';
import { server } from '@testing/msw-server';
import { renderWithProviders } from '@testing/render-with-providers';
import { DeliveriesTable } from './deliveries-table';

const HOUR = 3_600_000;

function setUp({ signedInAs = 'admin' }: { signedInAs?: Role } = {}) {
  const pollMs = 20;
  freezeMockClock();
  const webhook = createMockWebhook({ url: 'https://crm.example.com/hooks' });
  const agent = createMockAgent({ name: 'Reception' });
  const view = renderWithProviders(
    <DeliveriesTable filters={{ webhookId: webhook.id }} pollMs={pollMs} />,
    {
      path: '/webhooks/:webhookId',
      url: `/webhooks/${webhook.id}`,
      signedInAs,
    },
  );
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

describe('DeliveriesTable', () => {
  it('lists the newest first, with status, event, response and attempts', async () => {
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
      outcomes: ['timeout', 'bad-gateway'],
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
    expect(test?.slice(1, 5)).toEqual([
      'Delivered',
      expect.stringMatching(/\.analytics-completedTest$/),
      '200',
      '1',
    ]);
    expect(failed?.slice(1, 5)).toEqual([
      'Failed',
      `${agent.id}.post-conversationReception`,
      '502',
      '2',
    ]);
    expect(delivered?.slice(1, 5)).toEqual([
      'Delivered',
      `${agent.id}.pre-conversationReception`,
      '200',
      '1',
    ]);
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

  it('updates a delivery on its way by polling until it has settled', async () => {
    const { webhook, agent } = setUp();
    createDelivery({ webhook, agentId: agent.id, callId: 'call_1', eventType: 'pre-conversation' });

    expect(await screen.findByText('Pending')).toBeInTheDocument();
    advanceMockClock(2_000);
    expect(await screen.findByText('Delivered')).toBeInTheDocument();
    expect(rows()[0]?.slice(3, 5)).toEqual(['200', '1']);
  });

  it('shows the request and every attempt, with its response or its failure', async () => {
    const { user, webhook, agent } = setUp();
    const delivery = createPastDelivery({
      webhook,
      agent,
      eventType: 'post-conversation',
      callId: 'call_1',
      at: Date.now() - HOUR,
      outcomes: ['timeout', 'bad-gateway'],
      final: true,
    });

    await user.click(await screen.findByRole('button', { name: /^View payload/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Delivery payload' });
    expect(
      await within(dialog).findByRole('heading', { name: 'Attempts (2)' }),
    ).toBeInTheDocument();

    expect(within(dialog).getByText('Failed')).toBeInTheDocument();
    expect(within(dialog).getByText(`POST`).parentElement).toHaveTextContent(
      'POST https://crm.example.com/hooks',
    );
    expect(within(dialog).getByLabelText('Request headers')).toHaveTextContent(
      `webhook-id${delivery.id}`,
    );
    const body = within(dialog).getByRole('region', { name: 'Request body' });
    expect(body).toHaveTextContent(`"id": "${delivery.id}"`);
    expect(body).toHaveTextContent(`"event": "${agent.id}.post-conversation"`);

    const attempts = within(dialog)
      .getAllByRole('listitem')
      .filter((item) => /^Attempt \d/.test(item.textContent));
    // Latest first: the 502 that explains the status, then the timeout before it.
    expect(attempts).toHaveLength(2);
    const [second, first] = attempts as [HTMLElement, HTMLElement];
    expect(within(second).getByRole('heading', { name: 'Attempt 2' })).toBeInTheDocument();
    expect(second).toHaveTextContent('Response 502');
    expect(second).toHaveTextContent('Error response: The endpoint answered 502 Bad Gateway');
    expect(
      within(second).getByRole('region', { name: 'Attempt 2 response body' }),
    ).toHaveTextContent('502 Bad Gateway');
    expect(within(first).getByRole('heading', { name: 'Attempt 1' })).toBeInTheDocument();
    expect(first).toHaveTextContent('No response');
    expect(first).toHaveTextContent('Timed out: No response within 15 s');
    expect(within(first).queryByText('Response body')).not.toBeInTheDocument();
  });

  it('notes a response body that was cut short', async () => {
    const { user, webhook, agent } = setUp();
    createPastDelivery({
      webhook,
      agent,
      eventType: 'post-conversation',
      callId: 'call_1',
      at: Date.now() - HOUR,
      outcomes: ['error-page'],
      final: true,
    });
    await user.click(await screen.findByRole('button', { name: /^View payload/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Delivery payload' });
    expect(
      await within(dialog).findByText(
        'The body was longer than 64 KiB: only its beginning was kept.',
      ),
    ).toBeInTheDocument();
  });

  it('shows a body that is not text in base64, and says so', async () => {
    const { user, webhook, agent } = setUp();
    createPastDelivery({
      webhook,
      agent,
      eventType: 'pre-conversation',
      callId: 'call_1',
      at: Date.now() - HOUR,
      outcomes: ['binary'],
      final: true,
    });
    await user.click(await screen.findByRole('button', { name: /^View payload/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Delivery payload' });
    expect(await within(dialog).findByText('ZXJyAP8=')).toBeInTheDocument();
    expect(
      within(dialog).getByText(/bytes that are not text .* shown in base64, exactly as received/),
    ).toBeInTheDocument();
  });

  it('redelivers: posts, confirms, and shows the new attempt', async () => {
    const { user, webhook, agent } = setUp();
    const delivery = createPastDelivery({
      webhook,
      agent,
      eventType: 'post-conversation',
      callId: 'call_1',
      at: Date.now() - HOUR,
      outcomes: ['timeout'],
      final: true,
    });
    const posts: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST') posts.push(new URL(request.url).pathname);
    });

    await user.click(await screen.findByRole('button', { name: /^View payload/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Delivery payload' });
    await within(dialog).findByRole('heading', { name: 'Attempts (1)' });
    await user.click(within(dialog).getByRole('button', { name: 'Redeliver' }));

    expect(await screen.findByText('Redelivery queued')).toBeInTheDocument();
    expect(posts).toEqual([`/api/v1/deliveries/${delivery.id}/redeliver`]);
    advanceMockClock(2_000);
    expect(
      await within(dialog).findByRole('heading', { name: 'Attempts (2)' }),
    ).toBeInTheDocument();
    expect(db.deliveries[0]?.status).toBe('succeeded');
  });

  it('lets a viewer read a payload but not redeliver it', async () => {
    const { user, webhook, agent } = setUp({ signedInAs: 'viewer' });
    createPastDelivery({
      webhook,
      agent,
      eventType: 'pre-conversation',
      callId: 'call_1',
      at: Date.now() - HOUR,
      outcomes: ['ok'],
    });
    await user.click(await screen.findByRole('button', { name: /^View payload/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Delivery payload' });
    await within(dialog).findByRole('heading', { name: 'Attempts (1)' });
    const redeliver = within(dialog).getByRole('button', { name: 'Redeliver' });
    expect(redeliver).toBeDisabled();
    expect(redeliver).toHaveAccessibleDescription('Only admins and support staff can redeliver');
  });

  it('explains an empty list', async () => {
    setUp();
    expect(await screen.findByRole('heading', { name: 'No deliveries yet' })).toBeInTheDocument();
  });
});
