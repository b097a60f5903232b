import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { EventType } from '@contract/event-types';
import { scheduleTestCall } from '@testing/mocks/mock-deliveries';
import {
  advanceMockClock,
  freezeMockClock,
  createMockAgent,
  createMockWebhook,
  subscribeMockAgent,
} from '@testing/mocks/mock-db';
import { renderWithProviders } from '@testing/render-with-providers';
import { TestCallPanel } from './test-call-panel';

function setUp(eventTypes: EventType[], receiver: 'verifies' | 'server-error' = 'verifies') {
  freezeMockClock();
  const webhook = createMockWebhook({ url: 'https://crm.example.com/hooks', receiver });
  const agent = createMockAgent({ name: 'Reception' });
  subscribeMockAgent(agent.id, webhook.id, eventTypes);
  // What POST /agents/{id}/test-call answers: Start now, End in 3 s, Analytics in 6 s (mock clock).
  const call = scheduleTestCall(agent.id);
  const onClose = vi.fn();
  const view = renderWithProviders(
    <TestCallPanel agentId={agent.id} call={call} eventTypes={eventTypes} onClose={onClose} />,
    { path: '/agents/:agentId/webhook', url: `/agents/${agent.id}/webhook` },
  );
  return { ...view, call, onClose };
}

/** Each row as [event, status]. */
function rows() {
  return within(screen.getByRole('table'))
    .getAllByRole('row')
    .slice(1)
    .map((row) => {
      const [event, status] = within(row).getAllByRole('cell');
      return [event?.firstChild?.textContent, status?.textContent];
    });
}

const progress = () => screen.getByRole('status', { name: 'Test call progress' });

const ALL: EventType[] = ['pre-conversation', 'post-conversation', 'analytics-completed'];

describe('TestCallPanel', () => {
  it('follows the call: rows in call order, each published and delivered in turn', async () => {
    setUp(ALL);
    await screen.findByRole('table');
    const status = progress();
    expect(rows()).toEqual([
      ['Start', 'Pending'],
      ['End', expect.stringMatching(/^Waiting to be published at \d\d:\d\d:\d\d$/)],
      ['Analytics Completed', expect.stringMatching(/^Waiting to be published at/)],
    ]);
    expect(status).toHaveTextContent('Waiting for Start, End and Analytics Completed…');

    advanceMockClock(1_000);
    await vi.waitFor(() => expect(rows()[0]).toEqual(['Start', 'Delivered']));
    expect(status).toHaveTextContent('Waiting for End and Analytics Completed…');
    expect(rows()[1]?.[1]).toMatch(/^Waiting to be published/);

    advanceMockClock(3_000);
    await vi.waitFor(() => expect(rows()[1]).toEqual(['End', 'Delivered']));
    expect(rows()[2]?.[1]).toMatch(/^Waiting to be published/);

    advanceMockClock(3_000);
    await vi.waitFor(() => expect(rows()[2]).toEqual(['Analytics Completed', 'Delivered']));
    expect(status).toHaveTextContent('Every event was delivered.');
    expect(screen.getAllByRole('button', { name: /^View payload/ })).toHaveLength(3);
  });

  it('lists only the events the agent subscribes to', async () => {
    setUp(['post-conversation']);
    await screen.findByRole('table');
    expect(rows()).toEqual([['End', expect.stringMatching(/^Waiting to be published/)]]);

    advanceMockClock(4_000);
    await vi.waitFor(() => expect(rows()).toEqual([['End', 'Delivered']]));
    expect(progress()).toHaveTextContent('The event was delivered.');
  });

  it('shows a failing endpoint’s answer and keeps following the retry', async () => {
    setUp(['pre-conversation'], 'server-error');
    await screen.findByRole('table');

    advanceMockClock(1_500);
    await vi.waitFor(() =>
      expect(rows()).toEqual([
        ['Start', expect.stringMatching(/^PendingRetry at \d\d:\d\d:\d\d$/)],
      ]),
    );
    const row = within(screen.getByRole('table')).getAllByRole('row')[1];
    await vi.waitFor(() => expect(row).toHaveTextContent('502'));
    expect(progress()).toHaveTextContent('Waiting for Start…');
  });

  it('links to the call’s view', async () => {
    const { call } = setUp(ALL);
    expect(await screen.findByRole('link', { name: 'View call' })).toHaveAttribute(
      'href',
      `/calls/${call.callId}`,
    );
  });

  it('can be closed', async () => {
    const { user, onClose } = setUp(ALL);
    await user.click(screen.getByRole('button', { name: 'Close test call' }));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
