/**
 * Live updates (lib/live-updates.ts) with the deliveries' queries: what a `change` event refetches,
 * how often, and what happens when the stream comes back.
 */
import { screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createDelivery, createPastDelivery } from '@testing/mocks/mock-deliveries';
import {
  advanceMockClock,
  createMockAgent,
  createMockWebhook,
  freezeMockClock,
} from '@testing/mocks/mock-db';
import { dropLiveStreams, openLiveStreams } from '@testing/mocks/mock-live';
import { server } from '@testing/msw-server';
import { renderWithProviders } from '@testing/render-with-providers';
import { TestEventSource } from '@testing/test-event-source';
import { useDeliveries } from './get-deliveries';
import { useDelivery } from './get-delivery';

function Detail({ id }: { id: string }) {
  const delivery = useDelivery(id);
  return <p>{delivery.data ? `${delivery.data.callId}: ${delivery.data.status}` : 'loading'}</p>;
}

function List() {
  const page = useDeliveries({});
  return <p>{page.data ? `listed ${page.data.items.length}` : 'loading list'}</p>;
}

/** GETs from now on, by path. */
function requests() {
  const paths: string[] = [];
  server.events.on('request:start', ({ request }) => {
    if (request.method === 'GET') paths.push(new URL(request.url).pathname);
  });
  return paths;
}

function setUp() {
  freezeMockClock();
  const webhook = createMockWebhook();
  const agent = createMockAgent();
  const moving = createDelivery({
    webhook,
    agentId: agent.id,
    callId: 'call_moving',
    eventType: 'pre-conversation',
  });
  const still = createPastDelivery({
    webhook,
    agent,
    eventType: 'pre-conversation',
    callId: 'call_still',
    at: Date.now() - 3_600_000,
    outcomes: ['ok'],
  });
  const view = renderWithProviders(
    <>
      <Detail id={moving.id} />
      <Detail id={still.id} />
      <List />
    </>,
  );
  return { ...view, webhook, agent, moving, still };
}

describe('live updates', () => {
  it('opens one stream for the whole page and refetches only what changed', async () => {
    const { moving } = setUp();
    expect(await screen.findByText('call_moving: pending')).toBeInTheDocument();
    await screen.findByText('call_still: succeeded');
    await screen.findByText('listed 2');
    await waitFor(() => expect(openLiveStreams()).toBe(1));
    expect(TestEventSource.instances).toHaveLength(1);
    const seen = requests();

    advanceMockClock(2_000);
    expect(await screen.findByText('call_moving: succeeded')).toBeInTheDocument();
    await waitFor(() => expect(seen).toContain('/api/v1/deliveries'));
    expect(seen.filter((path) => path.startsWith('/api/v1/deliveries/'))).toEqual([
      `/api/v1/deliveries/${moving.id}`,
    ]);
  });

  it('merges a burst of changes into one refetch a second', async () => {
    const { webhook, agent } = setUp();
    await screen.findByText('listed 2');
    await waitFor(() => expect(openLiveStreams()).toBe(1));
    const seen = requests();

    for (let i = 0; i < 5; i++) {
      createDelivery({
        webhook,
        agentId: agent.id,
        callId: `call_${i}`,
        eventType: 'pre-conversation',
      });
      advanceMockClock(10);
      await new Promise((resolve) => setTimeout(resolve, 40));
    }
    expect(await screen.findByText('listed 7', {}, { timeout: 2_500 })).toBeInTheDocument();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    // The first change at once, the other four together a second later: two lists, not five.
    expect(seen.filter((path) => path === '/api/v1/deliveries').length).toBeLessThanOrEqual(2);
  });

  it('refetches what is open when the stream comes back after a drop', async () => {
    const { moving } = setUp();
    await screen.findByText('call_moving: pending');
    await waitFor(() => expect(openLiveStreams()).toBe(1));
    const seen = requests();

    // The server restarts: the stream ends, and changes made meanwhile are not announced.
    dropLiveStreams();
    advanceMockClock(2_000);
    // The browser reconnects after the server's `retry: 2000`, then everything open is refetched.
    expect(
      await screen.findByText('call_moving: succeeded', {}, { timeout: 4_000 }),
    ).toBeInTheDocument();
    expect(seen).toContain('/api/v1/live');
    expect(seen).toContain(`/api/v1/deliveries/${moving.id}`);
    expect(seen).toContain('/api/v1/deliveries');
  });
});
