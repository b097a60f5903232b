import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '@contract/auth';
import {
  createDelivery,
  createPastDelivery,
  recordAttempt,
  redeliverToUrl,
  requeue,
} from '@testing/mocks/mock-deliveries';
import {
  advanceMockClock,
  createMockAgent,
  createMockWebhook,
  db,
  freezeMockClock,
  type WebhookRecord,
} from '@testing/mocks/mock-db';
import { server } from '@testing/msw-server';
import { renderWithProviders } from '@testing/render-with-providers';
import { DeliveryPayloadDialog } from './delivery-payload-dialog';

const HOUR = 3_600_000;

function world(webhookOverrides: Partial<WebhookRecord> = {}) {
  freezeMockClock();
  const webhook = createMockWebhook({ url: 'https://crm.example.com/hooks', ...webhookOverrides });
  const agent = createMockAgent({ name: 'Reception' });
  return { webhook, agent };
}

function open(deliveryId: string, signedInAs: Role = 'admin') {
  const view = renderWithProviders(
    <DeliveryPayloadDialog deliveryId={deliveryId} open onOpenChange={() => undefined} />,
    { path: '/deliveries/:deliveryId', url: `/deliveries/${deliveryId}`, signedInAs },
  );
  return { ...view, dialog: () => screen.getByRole('dialog') };
}

/** The attempt cards, latest first, as their accessible names. */
async function attempts() {
  const list = await screen.findAllByRole('listitem', { name: /^Attempt \d+$/ });
  return list;
}

describe('Delivery detail', () => {
  it('shows every attempt with its kind, timings, request headers sorted by name, and the answer', async () => {
    const { webhook, agent } = world({ headers: { 'X-Api-Key': 'secret-value' } });
    const delivery = createPastDelivery({
      webhook,
      agent,
      eventType: 'post-conversation',
      callId: 'call_1',
      at: Date.now() - 30 * HOUR,
      outcomes: ['timeout', 'bad-gateway'],
      final: true,
    });
    requeue(delivery, Date.now() - 2 * HOUR, 'redelivery', 'Sam Support');
    recordAttempt(delivery, webhook, Date.now() - 2 * HOUR, 'ok');
    redeliverToUrl(delivery, 'https://staging.example.com/hook', 'Ada Admin');
    open(delivery.id);

    expect(await screen.findByRole('dialog', { name: 'End delivery' })).toBeInTheDocument();
    const [toUrl, redelivery, second, first] = await attempts();
    expect(toUrl).toHaveTextContent('Redelivered to https://staging.example.com/hook by Ada Admin');
    expect(toUrl).toHaveTextContent('Sent to https://staging.example.com/hook');
    expect(redelivery).toHaveTextContent('Redelivery by Sam Support');
    expect(redelivery).toHaveTextContent('Response 200');
    expect(redelivery).toHaveTextContent(/240 ms, headers after 192 ms/);
    expect(second).toHaveTextContent('Scheduled');
    expect(second).toHaveTextContent('Error response: The endpoint answered 502 Bad Gateway');
    // The server names the limit.
    expect(first).toHaveTextContent('No response');
    expect(first).toHaveTextContent('Timed out: No response within 15 s');
    expect(first).not.toHaveTextContent('headers after');

    // Sorted by name, every value copyable but the masked one, which says it was not stored.
    const requestHeaders = within(redelivery as HTMLElement).getByLabelText(
      'Attempt 3 request headers',
    );
    const names = within(requestHeaders)
      .getAllByRole('term')
      .map((term) => term.textContent);
    expect(names).toEqual([
      'content-type',
      'user-agent',
      'webhook-id',
      'webhook-signature',
      'webhook-timestamp',
      'X-Api-Key',
      'x-signature',
    ]);
    expect(requestHeaders).toHaveTextContent('••••••••(custom header: not stored)');
    expect(
      within(requestHeaders).getByRole('button', {
        name: 'Copy webhook-id (Attempt 3 request headers)',
      }),
    ).toBeInTheDocument();
    expect(
      within(requestHeaders).queryByRole('button', { name: /^Copy X-Api-Key/ }),
    ).not.toBeInTheDocument();
    // A one-off attempt elsewhere does not carry the endpoint's credentials.
    expect(
      within(toUrl as HTMLElement).getByLabelText('Attempt 4 request headers'),
    ).not.toHaveTextContent('X-Api-Key');
    expect(screen.getByRole('note', { name: 'Outcome' })).toHaveTextContent(
      'Delivered on attempt 3',
    );
  });

  it('renders a response body as text, never as HTML, and marks a base64 one', async () => {
    const { webhook, agent } = world();
    const delivery = createPastDelivery({
      webhook,
      agent,
      eventType: 'pre-conversation',
      callId: 'call_1',
      at: Date.now() - 30 * HOUR,
      outcomes: ['bad-gateway', 'binary'],
      final: true,
    });
    open(delivery.id);
    const [binary, html] = await attempts();

    const body = within(binary as HTMLElement).getByRole('region', {
      name: 'Attempt 2 response body',
    });
    expect(body).toHaveTextContent('ZXJyAP8=');
    expect(within(binary as HTMLElement).getByText('base64')).toBeInTheDocument();
    expect(
      within(binary as HTMLElement).getByText(
        /bytes that are not text .* shown in base64, exactly as received/,
      ),
    ).toBeInTheDocument();

    const page = within(html as HTMLElement).getByRole('region', {
      name: 'Attempt 1 response body',
    });
    expect(page).toHaveTextContent('<center><h1>502 Bad Gateway</h1></center>');
    expect(page.querySelector('h1, center')).toBeNull();
  });

  it('says when a delivery waits for its call’s Start instead of a next-attempt time, with a link to it', async () => {
    const { webhook, agent } = world({ receiver: 'server-error' });
    const start = createPastDelivery({
      webhook,
      agent,
      eventType: 'pre-conversation',
      callId: 'call_1',
      at: Date.now() - 60_000,
      outcomes: ['bad-gateway'],
    });
    const end = createDelivery({
      webhook,
      agentId: agent.id,
      callId: 'call_1',
      eventType: 'post-conversation',
    });
    advanceMockClock(1_000);
    open(end.id);

    expect(await screen.findByText("Waits for this call's Start")).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open the Start delivery' })).toHaveAttribute(
      'href',
      `/deliveries/${start.id}`,
    );
    expect(screen.queryByText('Next attempt')).not.toBeInTheDocument();
    expect(screen.getByRole('note', { name: 'Outcome' })).toHaveTextContent(
      "Waits for this call's Start: per-call order",
    );
  });

  it('says when the next attempt is due, and why a skipped delivery was not sent', async () => {
    const { webhook, agent } = world();
    const retrying = createPastDelivery({
      webhook,
      agent,
      eventType: 'pre-conversation',
      callId: 'call_1',
      at: Date.now() - 60_000,
      outcomes: ['bad-gateway', 'bad-gateway'],
    });
    const { unmount } = open(retrying.id);
    expect(await screen.findByText('Next attempt')).toBeInTheDocument();
    expect(screen.getByText(/\(in \d+ minutes\)/)).toBeInTheDocument();
    unmount();

    const disabled = createMockWebhook({ status: 'disabled', disabledReason: 'Disabled by Ada' });
    const skipped = createDelivery({
      webhook: disabled,
      agentId: agent.id,
      callId: 'call_2',
      eventType: 'pre-conversation',
    });
    open(skipped.id);
    expect(await screen.findByRole('note', { name: 'Outcome' })).toHaveTextContent(
      /^Skipped: the endpoint was disabled when this delivery was due/,
    );
    expect(screen.getByText('Nothing was sent: the endpoint was disabled.')).toBeInTheDocument();
  });

  it('redelivers: posts, says so, and shows the new attempt as a redelivery by whoever asked', async () => {
    const { webhook, agent } = world();
    const delivery = createPastDelivery({
      webhook,
      agent,
      eventType: 'post-conversation',
      callId: 'call_1',
      at: Date.now() - 30 * HOUR,
      outcomes: ['timeout'],
      final: true,
    });
    const posts: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST') posts.push(new URL(request.url).pathname);
    });
    const { user } = open(delivery.id, 'support');

    await user.click(await screen.findByRole('button', { name: 'Redeliver' }));
    expect(await screen.findByText('Redelivery queued')).toBeInTheDocument();
    expect(posts).toEqual([`/api/v1/deliveries/${delivery.id}/redeliver`]);
    advanceMockClock(1_000);
    await waitFor(async () => expect(await attempts()).toHaveLength(2), { timeout: 2_500 });
    expect((await attempts())[0]).toHaveTextContent('Redelivery by Sam Support');
    expect(db.deliveries[0]?.status).toBe('succeeded');
  });

  it('redelivers to another URL: shows the URL guard’s refusal in the field, then the recorded attempt', async () => {
    const { webhook, agent } = world();
    const delivery = createPastDelivery({
      webhook,
      agent,
      eventType: 'post-conversation',
      callId: 'call_1',
      at: Date.now() - 30 * HOUR,
      outcomes: ['bad-gateway'],
      final: true,
    });
    const { user } = open(delivery.id, 'support');

    await user.click(await screen.findByRole('button', { name: 'Redeliver to another URL…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Redeliver to another URL' });
    const url = within(dialog).getByRole('textbox', { name: 'Send to URL' });
    await user.type(url, 'http://192.168.1.20/hook');
    await user.click(within(dialog).getByRole('button', { name: 'Send once' }));
    await waitFor(() => expect(url).toBeInvalid());
    expect(url).toHaveAccessibleDescription(
      expect.stringContaining(
        '192.168.1.20 is a private, loopback, link-local or otherwise internal address',
      ) as string,
    );

    await user.clear(url);
    await user.type(url, 'https://staging.example.com/hook');
    expect(url).toBeValid();
    await user.click(within(dialog).getByRole('button', { name: 'Send once' }));
    expect(await within(dialog).findByText(/recorded as attempt 2/)).toBeInTheDocument();
    const attempt = within(dialog).getByRole('group', { name: 'Attempt 2' });
    expect(attempt).toHaveTextContent(
      'Redelivered to https://staging.example.com/hook by Sam Support',
    );
    expect(attempt).toHaveTextContent('Response 200');
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));

    // Recorded with the others; the delivery is still failed.
    await waitFor(async () => expect(await attempts()).toHaveLength(2));
    expect(db.deliveries[0]?.status).toBe('failed');
  });

  it('copies the latest attempt as a cURL command that replays it, with a placeholder for a masked header', async () => {
    const { webhook, agent } = world({ headers: { 'X-Api-Key': 'secret-value' } });
    const delivery = createPastDelivery({
      webhook,
      agent,
      eventType: 'post-conversation',
      callId: 'call_1',
      at: Date.now() - 30 * HOUR,
      outcomes: ['timeout', 'ok'],
    });
    const { user } = open(delivery.id, 'viewer');

    const copy = await screen.findByRole('button', { name: 'Copy as cURL' });
    expect(copy).toHaveAccessibleDescription(
      expect.stringMatching(
        /^Copy as cURL replays attempt 2 exactly as it was sent.*Custom header values are stored masked: replace <value of X-Api-Key> in the command with the real value\.$/,
      ) as string,
    );
    await user.click(copy);
    expect(await screen.findByText('Copied the request as a cURL command')).toBeInTheDocument();
    const sent = delivery.attempts[1]?.request.headers ?? {};
    const command = await navigator.clipboard.readText();
    expect(command.split(' \\\n  ')).toEqual([
      "curl -X POST 'https://crm.example.com/hooks'",
      ...Object.entries(sent).map(([name, value]) =>
        name === 'X-Api-Key' ? "-H 'X-Api-Key: <value of X-Api-Key>'" : `-H '${name}: ${value}'`,
      ),
      `--data-raw '${delivery.body}'`,
    ]);
    expect(command).not.toContain('secret-value');

    await user.click(screen.getByRole('button', { name: 'Copy body' }));
    expect(await navigator.clipboard.readText()).toBe(delivery.body);
  });

  it('makes every id and URL copyable', async () => {
    const { webhook, agent } = world();
    const delivery = createPastDelivery({
      webhook,
      agent,
      eventType: 'post-conversation',
      callId: 'call_9',
      at: Date.now() - HOUR,
      outcomes: ['ok'],
    });
    const { user } = open(delivery.id);
    await screen.findByRole('heading', { name: 'Attempts (1)' });

    await user.click(screen.getAllByRole('button', { name: 'Copy delivery id' })[0] as HTMLElement);
    expect(await navigator.clipboard.readText()).toBe(delivery.id);
    await user.click(screen.getByRole('button', { name: 'Copy call id' }));
    expect(await navigator.clipboard.readText()).toBe('call_9');
    await user.click(screen.getByRole('button', { name: 'Copy endpoint URL' }));
    expect(await navigator.clipboard.readText()).toBe('https://crm.example.com/hooks');
    expect(screen.getByRole('link', { name: 'View call' })).toHaveAttribute(
      'href',
      '/calls/call_9',
    );
  });
});
