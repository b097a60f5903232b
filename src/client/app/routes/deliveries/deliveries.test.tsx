import { screen, waitFor, within } from '@testing-library/react';
import { http } from 'msw';
import { describe, expect, it } from 'vitest';
import type { Role } from '@contract/auth';
import type { EventType } from '@contract/event-types';
import { apiError } from '@testing/mocks/mock-api';
import {
  createDelivery,
  createPastDelivery,
  type MockAttemptOutcome,
} from '@testing/mocks/mock-deliveries';
import {
  advanceMockClock,
  createMockAgent,
  createMockWebhook,
  freezeMockClock,
  type AgentRecord,
  type WebhookRecord,
} from '@testing/mocks/mock-db';
import { server } from '@testing/msw-server';
import { renderWithProviders } from '@testing/render-with-providers';
import { CallRoute } from '../calls/call';
import { DeliveriesRoute } from './deliveries';
import { DeliveryRoute } from './delivery';

const HOUR = 3_600_000;

interface World {
  crm: WebhookRecord;
  analytics: WebhookRecord;
  reception: AgentRecord;
  survey: AgentRecord;
}

function world(): World {
  freezeMockClock();
  return {
    crm: createMockWebhook({ url: 'https://crm.example.com/hooks' }),
    analytics: createMockWebhook({ url: 'https://analytics.example.com/ingest' }),
    reception: createMockAgent({ name: 'Reception' }),
    survey: createMockAgent({ name: 'Survey' }),
  };
}

function past(
  webhook: WebhookRecord,
  agent: AgentRecord | null,
  eventType: EventType,
  callId: string,
  hoursAgo: number,
  outcomes: MockAttemptOutcome[] = ['ok'],
) {
  return createPastDelivery({
    webhook,
    agent,
    eventType,
    callId,
    at: Date.now() - hoursAgo * HOUR,
    outcomes,
    final: outcomes.at(-1) !== 'ok',
  });
}

/** The query string of every `GET /deliveries` made from now on. */
function listRequests() {
  const queries: URLSearchParams[] = [];
  server.events.on('request:start', ({ request }) => {
    const url = new URL(request.url);
    if (request.method === 'GET' && url.pathname === '/api/v1/deliveries') {
      queries.push(url.searchParams);
    }
  });
  return queries;
}

function setUp(url = '/deliveries', signedInAs: Role = 'admin') {
  const view = renderWithProviders(<DeliveriesRoute />, {
    path: '/deliveries',
    url,
    signedInAs,
    children: [{ path: ':deliveryId', element: <DeliveryRoute /> }],
    routes: [{ path: '/calls/:callId', element: <CallRoute /> }],
  });
  const location = () =>
    `${view.router.state.location.pathname}${view.router.state.location.search}`;
  return { ...view, location };
}

const rowLinks = () => screen.findAllByRole('link', { name: /^Open .* delivery created/ });

/** The list's body rows, as the text of each cell. */
function rows() {
  return within(screen.getByRole('table', { name: 'Deliveries' }))
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      within(row)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    );
}

describe('DeliveriesRoute', () => {
  it('lists deliveries with every column support staff read, and no total count', async () => {
    const { crm, analytics, reception, survey } = world();
    past(crm, reception, 'pre-conversation', 'call_1', 3);
    past(analytics, survey, 'post-conversation', 'call_2', 2, ['timeout', 'bad-gateway']);
    past(crm, null, 'analytics-completed', 'test_1', 1);
    setUp();

    expect(await rowLinks()).toHaveLength(3);
    expect(screen.getByRole('heading', { level: 1, name: /^Deliveries/ })).toHaveTextContent(
      'Deliveries3',
    );
    expect(
      within(screen.getByRole('table', { name: 'Deliveries' }))
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual([
      'Time',
      'Status',
      'Event',
      'Agent',
      'Endpoint',
      'Call id',
      'Attempts',
      'Last response',
      'Latency',
    ]);
    const [test, failed] = rows();
    expect(test?.[0]).toMatch(/^\d{1,2} \w{3}, \d\d:\d\d:\d\d$/);
    expect(test?.slice(1)).toEqual([
      'Delivered',
      'Analytics CompletedTest',
      'Test event',
      'crm.example.com/hooks',
      'test_1',
      '1',
      '200',
      '240 ms',
    ]);
    expect(failed?.slice(1)).toEqual([
      'Failed',
      'End',
      'Survey',
      'analytics.example.com/ingest',
      'call_2',
      '2',
      '502',
      '610 ms',
    ]);
    expect(screen.getByText('Showing all 3 matching deliveries')).toBeInTheDocument();
  });

  it('keeps each filter in the URL, each change a step Back undoes, and asks the API for just those', async () => {
    const { crm, analytics, reception, survey } = world();
    past(crm, reception, 'pre-conversation', 'call_1', 5);
    past(crm, reception, 'post-conversation', 'call_1', 4, ['bad-gateway']);
    past(analytics, survey, 'post-conversation', 'call_2', 3, ['timeout']);
    past(analytics, survey, 'post-conversation', 'call_3', 2, ['bad-gateway']);
    const queries = listRequests();
    const { user, router, location } = setUp();
    expect(await rowLinks()).toHaveLength(4);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'Failed');
    expect(location()).toBe('/deliveries?status=failed');
    expect(router.state.historyAction).toBe('PUSH');
    await waitFor(async () => expect(await rowLinks()).toHaveLength(3));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Event' }), 'End');
    // The endpoints and agents come from their own APIs.
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Endpoint' }),
      await screen.findByRole('option', { name: 'https://analytics.example.com/ingest' }),
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Agent' }), 'Survey');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Failure' }), 'Timed out');
    expect(location()).toBe(
      `/deliveries?status=failed&eventType=post-conversation&webhookId=${analytics.id}&agentId=${survey.id}&failureCategory=timeout`,
    );
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]?.[5]).toBe('call_2');
    expect(Object.fromEntries(queries.at(-1) ?? [])).toEqual({
      status: 'failed',
      eventType: 'post-conversation',
      webhookId: analytics.id,
      agentId: survey.id,
      failureCategory: 'timeout',
      limit: '50',
    });

    // Back undoes the last filter; "All …" takes one off.
    await router.navigate(-1);
    await waitFor(() => expect(location()).not.toContain('failureCategory'));
    await waitFor(() =>
      expect(screen.getByRole('combobox', { name: 'Failure' })).toHaveDisplayValue('Any'),
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'All statuses');
    expect(location()).not.toContain('status=');
  });

  it('finds a call id, a delivery id or a webhook-id with one search box', async () => {
    const { crm, reception } = world();
    past(crm, reception, 'pre-conversation', 'call_42', 3);
    past(crm, reception, 'post-conversation', 'call_42', 2);
    const other = past(crm, reception, 'pre-conversation', 'call_7', 1);
    const { user, location } = setUp();
    await rowLinks();

    // The box follows the URL (Back, Clear all): find it anew after each search.
    const search = () => screen.getByRole('searchbox', { name: 'Search' });
    await user.type(search(), '  call_42 {Enter}');
    expect(location()).toBe('/deliveries?q=call_42');
    await waitFor(() => expect(rows().map((row) => row[5])).toEqual(['call_42', 'call_42']));
    expect(screen.getByRole('link', { name: 'View the call' })).toHaveAttribute(
      'href',
      '/calls/call_42',
    );

    await user.clear(search());
    await user.type(search(), `${other.id}{Enter}`);
    expect(location()).toBe(`/deliveries?q=${other.id}`);
    await waitFor(() => expect(rows().map((row) => row[5])).toEqual(['call_7']));

    await user.clear(search());
    await user.type(search(), `${'x'.repeat(201)}{Enter}`);
    expect(search()).toBeInvalid();
    expect(search()).toHaveAccessibleDescription(
      expect.stringContaining('at most 200 characters') as string,
    );
    expect(location()).toBe(`/deliveries?q=${other.id}`);
  });

  it('opens with the filters of a link, and ignores the ones that are not valid', async () => {
    const { crm, reception } = world();
    past(crm, reception, 'pre-conversation', 'call_1', 2);
    past(crm, reception, 'post-conversation', 'call_1', 1);
    const queries = listRequests();
    setUp('/deliveries?status=bogus&eventType=post-conversation&webhookId=nope&limit=5000&x=1');

    expect(await rowLinks()).toHaveLength(1);
    expect(Object.fromEntries(queries[0] ?? [])).toEqual({
      eventType: 'post-conversation',
      limit: '50',
    });
    expect(screen.getByRole('combobox', { name: 'Status' })).toHaveDisplayValue('All statuses');
    expect(screen.getByRole('combobox', { name: 'Event' })).toHaveDisplayValue('End');
  });

  it('asks for a relative time range when each page is fetched, and applies a custom one', async () => {
    const { crm, reception } = world();
    past(crm, reception, 'pre-conversation', 'call_old', 30);
    past(crm, reception, 'pre-conversation', 'call_new', 2);
    const queries = listRequests();
    const { user, location } = setUp('/deliveries?range=24h');

    expect(await rowLinks()).toHaveLength(1);
    const from = Date.parse(queries[0]?.get('from') ?? '');
    expect(Math.abs(Date.now() - 24 * HOUR - from)).toBeLessThan(60_000);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Time' }), 'Custom range…');
    const range = screen.getByRole('form', { name: 'Custom time range' });
    await user.type(within(range).getByLabelText('From'), '2026-01-02T10:00');
    await user.type(within(range).getByLabelText('To'), '2026-01-01T10:00');
    await user.click(within(range).getByRole('button', { name: 'Apply range' }));
    expect(
      await within(range).findByText('The end of the time range must come after its start'),
    ).toBeInTheDocument();

    await user.clear(within(range).getByLabelText('To'));
    await user.type(within(range).getByLabelText('To'), '2026-01-03T10:00');
    await user.click(within(range).getByRole('button', { name: 'Apply range' }));
    expect(location()).toBe(
      `/deliveries?from=${encodeURIComponent(new Date('2026-01-02T10:00').toISOString())}&to=${encodeURIComponent(new Date('2026-01-03T10:00').toISOString())}`,
    );
    expect(await screen.findByRole('heading', { name: 'No deliveries match' })).toBeInTheDocument();
  });

  it('loads older pages with the server’s cursor, as the list is scrolled or on request', async () => {
    const { crm, reception } = world();
    for (let i = 0; i < 120; i++) past(crm, reception, 'post-conversation', `call_${i}`, i + 1);
    const queries = listRequests();
    const { user } = setUp();

    expect(await screen.findByText('Showing 50 deliveries, more below')).toBeInTheDocument();
    expect(screen.getByRole('heading', { level: 1 })).toHaveTextContent('Deliveries50+');
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Showing 100 deliveries, more below')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Showing all 120 matching deliveries')).toBeInTheDocument();
    const cursors = queries.map((q) => q.get('cursor'));
    expect(cursors[0]).toBeNull();
    expect(cursors.slice(1)).toEqual([expect.any(String), expect.any(String)]);
    // Virtualised: a few dozen rows in the document, not 120.
    expect(rows().length).toBeLessThan(60);
  });

  it('moves between rows with the arrow keys and opens one with Enter, over the list', async () => {
    const { crm, reception } = world();
    past(crm, reception, 'pre-conversation', 'call_1', 2);
    const end = past(crm, reception, 'post-conversation', 'call_1', 1);
    past(crm, reception, 'analytics-completed', 'call_1', 0.5);
    const { user, location } = setUp('/deliveries?eventType=post-conversation');
    await rowLinks();
    await user.click(screen.getByRole('combobox', { name: 'Event' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Event' }), 'All events');
    await waitFor(async () => expect(await rowLinks()).toHaveLength(3));

    (await rowLinks())[0]?.focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toHaveAccessibleName(/^Open End delivery created/);
    await user.keyboard('{Enter}');
    expect(location()).toBe(`/deliveries/${end.id}`);
    const panel = await screen.findByRole('dialog', { name: 'End delivery' });
    expect(await within(panel).findByRole('heading', { name: 'Attempts (1)' })).toBeVisible();
    // The list is still there underneath, its row marked.
    expect(screen.getByRole('link', { name: /^Open End delivery/, hidden: true })).toHaveAttribute(
      'aria-current',
      'true',
    );

    await user.keyboard('{Escape}');
    await waitFor(() => expect(location()).toBe('/deliveries'));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('opens a delivery from a link, with the list’s filters behind it, and closes back to them', async () => {
    const { crm, reception } = world();
    const delivery = past(crm, reception, 'post-conversation', 'call_1', 1, ['timeout']);
    const { user, location } = setUp(`/deliveries/${delivery.id}?status=failed`);

    const panel = await screen.findByRole('dialog', { name: 'End delivery' });
    expect(await within(panel).findByText(/^Failed after 1 attempt/)).toBeInTheDocument();
    await user.click(within(panel).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(location()).toBe('/deliveries?status=failed'));
    expect(await rowLinks()).toHaveLength(1);
  });

  it('says when there is no such delivery', async () => {
    world();
    setUp('/deliveries/msg_01J00000000000000000000000');
    const panel = await screen.findByRole('dialog', { name: 'Delivery' });
    expect(await within(panel).findByText('There is no such delivery')).toBeInTheDocument();
  });

  it('says when nothing matches, and clears the filters', async () => {
    const { crm, reception } = world();
    past(crm, reception, 'pre-conversation', 'call_1', 1);
    const { user, location } = setUp('/deliveries?status=skipped');

    expect(await screen.findByRole('heading', { name: 'No deliveries match' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await rowLinks()).toHaveLength(1);
    expect(location()).toBe('/deliveries');
  });

  it('explains an empty organisation, and a list that could not be loaded', async () => {
    world();
    setUp();
    expect(await screen.findByRole('heading', { name: 'No deliveries yet' })).toBeInTheDocument();
  });

  it('shows the server’s reason when the list fails, and tries again', async () => {
    const { crm, reception } = world();
    past(crm, reception, 'pre-conversation', 'call_1', 1);
    server.use(
      http.get('*/api/v1/deliveries', () => apiError(503, 'internal', 'The database is busy'), {
        once: true,
      }),
    );
    const { user } = setUp();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load deliveries');
    expect(alert).toHaveTextContent('The database is busy');
    await user.click(within(alert).getByRole('button', { name: 'Try again' }));
    expect(await rowLinks()).toHaveLength(1);
  });

  it('turns a row Delivered within moments of the change, without a reload or polling', async () => {
    const { crm, reception } = world();
    createDelivery({
      webhook: crm,
      agentId: reception.id,
      callId: 'call_1',
      eventType: 'pre-conversation',
    });
    setUp();
    expect(await rowLinks()).toHaveLength(1);
    expect(rows()[0]?.[1]).toBe('Pending');

    advanceMockClock(2_000);
    await waitFor(() => expect(rows()[0]?.[1]).toBe('Delivered'), { timeout: 2_000 });
    expect(rows()[0]?.slice(6)).toEqual(['1', '200', '240 ms']);
  });

  it('lets a viewer read a delivery, offers no redelivery, and says why', async () => {
    const { crm, reception } = world();
    const delivery = past(crm, reception, 'post-conversation', 'call_1', 1, ['bad-gateway']);
    setUp(`/deliveries/${delivery.id}`, 'viewer');

    const panel = await screen.findByRole('dialog', { name: 'End delivery' });
    expect(await within(panel).findByRole('button', { name: 'Copy as cURL' })).toBeEnabled();
    expect(within(panel).queryByRole('button', { name: 'Redeliver' })).not.toBeInTheDocument();
    expect(
      within(panel).queryByRole('button', { name: 'Redeliver to another URL…' }),
    ).not.toBeInTheDocument();
    expect(within(panel).getByText('Only admins and support staff can redeliver')).toBeVisible();
  });

  it('leads from a delivery to its call, and from the call back to the list', async () => {
    const { crm, reception } = world();
    past(crm, reception, 'pre-conversation', 'call_1', 2);
    const end = past(crm, reception, 'post-conversation', 'call_1', 1);
    const { user, location } = setUp(`/deliveries/${end.id}`);

    const panel = await screen.findByRole('dialog', { name: 'End delivery' });
    await user.click(await within(panel).findByRole('link', { name: 'View call' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Call call_1' })).toBeVisible();
    await user.click(screen.getByRole('link', { name: 'This call in Deliveries' }));
    expect(location()).toBe('/deliveries?q=call_1');
    await waitFor(async () => expect(await rowLinks()).toHaveLength(2));
  });
});
