import { screen, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { roleRefused, UNKNOWN_ENDPOINT_ID } from '@contract/api-messages';
import type { EventType } from '@contract/event-types';
import { paths } from '@client/lib/paths';
import { API } from '@testing/mocks/mock-api';
import {
  createMockAgent,
  createMockWebhook,
  db,
  subscribeMockAgent,
  toWebhookSummary,
} from '@testing/mocks/mock-db';
import { server } from '@testing/msw-server';
import { renderWithProviders } from '@testing/render-with-providers';
import { useAgent } from '../api/get-agent';
import { AgentWebhookPanel } from './agent-webhook-panel';
import { ConfigureWebhookDialog } from './configure-webhook-dialog';

/** The Webhook tab as the route composes it: the panel, and the modal open from the start. */
function WebhookTab({ agentId }: { agentId: string }) {
  const agent = useAgent(agentId);
  const [open, setOpen] = useState(true);
  if (!agent.data) return null;
  return (
    <>
      <AgentWebhookPanel agent={agent.data} onConfigure={() => setOpen(true)} />
      {open ? (
        <ConfigureWebhookDialog
          agent={agent.data}
          endpoints={db.webhooks.map(toWebhookSummary)}
          createEndpointHref={paths.newWebhook(paths.agentWebhook(agentId))}
          open
          onOpenChange={setOpen}
        />
      ) : null}
    </>
  );
}

function setUp({ saved }: { saved?: EventType[] } = {}) {
  const crm = createMockWebhook({
    url: 'https://crm.example.com/hooks',
    description: 'CRM sync',
  });
  const warehouse = createMockWebhook({ url: 'https://warehouse.example.com/in' });
  const agent = createMockAgent({ name: 'Reception' });
  if (saved) subscribeMockAgent(agent.id, crm.id, saved);
  const view = renderWithProviders(<WebhookTab agentId={agent.id} />, {
    path: '/agents/:agentId/webhook',
    url: paths.agentWebhook(agent.id),
  });
  return { ...view, crm, warehouse, agent };
}

const eventBox = (name: string) => screen.getByRole('checkbox', { name });
const saveButton = () => screen.getByRole('button', { name: 'Save' });
const HINT = 'Select a webhook endpoint to enable event selection';

async function chooseEndpoint(user: ReturnType<typeof setUp>['user'], url: string) {
  await user.click(screen.getByRole('combobox', { name: 'Webhook Endpoint' }));
  await user.click(await screen.findByRole('option', { name: new RegExp(url) }));
}

describe('ConfigureWebhookDialog', () => {
  it('says "Choose at least one event" once the last ticked event is unticked', async () => {
    const { user } = setUp({ saved: ['pre-conversation'] });
    const dialog = await screen.findByRole('dialog', { name: 'Configure Webhook' });
    const group = within(dialog).getByRole('group', { name: 'Events to subscribe' });
    expect(within(dialog).queryByText('Choose at least one event')).not.toBeInTheDocument();

    await user.click(eventBox('Start'));
    expect(group).toHaveAccessibleDescription('Choose at least one event');
    expect(saveButton()).toBeDisabled();

    await user.click(eventBox('End'));
    expect(within(dialog).queryByText('Choose at least one event')).not.toBeInTheDocument();
    expect(saveButton()).toBeEnabled();
  });

  it('does not say it to someone who has only chosen an endpoint', async () => {
    const { user } = setUp();
    await screen.findByRole('dialog', { name: 'Configure Webhook' });
    await chooseEndpoint(user, 'https://warehouse.example.com/in');
    expect(screen.queryByText('Choose at least one event')).not.toBeInTheDocument();
  });

  it('says so when the chosen endpoint is disabled', async () => {
    const disabled = createMockWebhook({
      url: 'https://paused.example.com/in',
      status: 'disabled',
    });
    const { user } = setUp();
    await screen.findByRole('dialog', { name: 'Configure Webhook' });
    await chooseEndpoint(user, 'https://warehouse.example.com/in');
    expect(screen.queryByText(/This endpoint is disabled/)).not.toBeInTheDocument();

    await chooseEndpoint(user, disabled.url);
    expect(screen.getByRole('combobox', { name: 'Webhook Endpoint' })).toHaveAccessibleDescription(
      /^This endpoint is disabled: the events will be recorded as skipped/,
    );
  });

  it('keeps the events disabled, with the hint, until an endpoint is chosen', async () => {
    const { user } = setUp();
    const dialog = await screen.findByRole('dialog', { name: 'Configure Webhook' });

    const group = within(dialog).getByRole('group', { name: 'Events to subscribe' });
    expect(group).toHaveAccessibleDescription(HINT);
    for (const name of ['Start', 'End', 'Analytics Completed']) {
      expect(eventBox(name)).toBeDisabled();
    }
    expect(eventBox('Start')).toHaveAccessibleDescription(
      `Triggered when a call begins, before the conversation starts ${HINT}`,
    );

    await chooseEndpoint(user, 'https://crm.example.com/hooks');

    expect(screen.getByRole('combobox', { name: 'Webhook Endpoint' })).toHaveTextContent(
      'https://crm.example.com/hooks',
    );
    for (const name of ['Start', 'End', 'Analytics Completed']) {
      expect(eventBox(name)).toBeEnabled();
    }
    expect(screen.queryByText(HINT)).not.toBeInTheDocument();
  });

  it('enables Save only once an endpoint and at least one event are chosen', async () => {
    const { user } = setUp();
    await screen.findByRole('dialog', { name: 'Configure Webhook' });
    expect(saveButton()).toBeDisabled();

    await chooseEndpoint(user, 'https://warehouse.example.com/in');
    expect(saveButton()).toBeDisabled();

    await user.click(eventBox('End'));
    expect(eventBox('End')).toBeChecked();
    expect(saveButton()).toBeEnabled();

    await user.click(eventBox('End'));
    expect(saveButton()).toBeDisabled();
  });

  it('with a saved configuration, enables Save only while something differs from it', async () => {
    const { user } = setUp({ saved: ['pre-conversation', 'post-conversation'] });
    await screen.findByRole('dialog', { name: 'Configure Webhook' });

    expect(screen.getByRole('combobox', { name: 'Webhook Endpoint' })).toHaveTextContent(
      'https://crm.example.com/hooks',
    );
    expect(eventBox('Start')).toBeChecked();
    expect(eventBox('End')).toBeChecked();
    expect(eventBox('Analytics Completed')).not.toBeChecked();
    expect(saveButton()).toBeDisabled();

    // Clicking the card's text toggles too: the whole card is the label.
    await user.click(
      screen.getByText('Triggered when post-call analytics are generated and ready'),
    );
    expect(eventBox('Analytics Completed')).toBeChecked();
    expect(saveButton()).toBeEnabled();
    await user.click(eventBox('Analytics Completed'));
    expect(saveButton()).toBeDisabled();

    await chooseEndpoint(user, 'https://warehouse.example.com/in');
    expect(saveButton()).toBeEnabled();
    await chooseEndpoint(user, 'https://crm.example.com/hooks');
    expect(saveButton()).toBeDisabled();
  });

  it('saves with a PUT of the endpoint and events, closes and confirms', async () => {
    const { user, agent, warehouse } = setUp();
    const bodies: unknown[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'PUT')
        void request
          .clone()
          .json()
          .then((body) => bodies.push(body));
    });
    await screen.findByRole('dialog', { name: 'Configure Webhook' });

    await chooseEndpoint(user, 'https://warehouse.example.com/in');
    await user.click(eventBox('Analytics Completed'));
    await user.click(eventBox('Start'));
    await user.click(saveButton());

    expect(await screen.findByText('Webhook saved')).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(bodies).toEqual([
      { webhookId: warehouse.id, eventTypes: ['pre-conversation', 'analytics-completed'] },
    ]);
    expect(db.subscriptions).toEqual([
      expect.objectContaining({ agentId: agent.id, webhookId: warehouse.id }),
    ]);
    const events = screen.getByRole('list', { name: 'Subscribed events' });
    expect(
      within(events)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Start', 'Analytics Completed']);
  });

  it('shows the change at once, and rolls it back with the server’s message when refused', async () => {
    const { user, agent } = setUp({ saved: ['pre-conversation'] });
    let answer: (response: Response) => void = () => undefined;
    server.use(
      http.put(
        `${API}/agents/:id/webhook-subscriptions`,
        () => new Promise<Response>((resolve) => (answer = resolve)),
      ),
    );
    await screen.findByRole('dialog', { name: 'Configure Webhook' });

    await user.click(eventBox('End'));
    await user.click(saveButton());

    // Optimistic: the tab behind the modal already shows both events.
    const chips = () =>
      within(screen.getByRole('list', { name: 'Subscribed events', hidden: true }))
        .getAllByRole('listitem', { hidden: true })
        .map((item) => item.textContent);
    expect(chips()).toEqual(['Start', 'End']);

    answer(
      HttpResponse.json(
        { error: { code: 'forbidden', message: roleRefused('viewer', ['admin']) } },
        { status: 403 },
      ),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(roleRefused('viewer', ['admin']));
    expect(screen.getByRole('dialog', { name: 'Configure Webhook' })).toBeInTheDocument();
    expect(chips()).toEqual(['Start']);
    expect(db.subscriptions).toEqual([
      expect.objectContaining({ agentId: agent.id, eventTypes: ['pre-conversation'] }),
    ]);
    // The choice is still there, so the user can try again.
    expect(eventBox('End')).toBeChecked();
    expect(saveButton()).toBeEnabled();
  });

  it('puts a server field error beside its input', async () => {
    const { user } = setUp();
    server.use(
      http.put(`${API}/agents/:id/webhook-subscriptions`, () =>
        HttpResponse.json(
          {
            error: {
              code: 'validation_failed',
              message: `webhookId: ${UNKNOWN_ENDPOINT_ID}`,
              fields: { webhookId: UNKNOWN_ENDPOINT_ID },
            },
          },
          { status: 400 },
        ),
      ),
    );
    await screen.findByRole('dialog', { name: 'Configure Webhook' });
    await chooseEndpoint(user, 'https://crm.example.com/hooks');
    await user.click(eventBox('Start'));
    await user.click(saveButton());

    expect(await screen.findByRole('alert')).toHaveTextContent(UNKNOWN_ENDPOINT_ID);
    expect(screen.getByRole('combobox', { name: 'Webhook Endpoint' })).toHaveAccessibleDescription(
      UNKNOWN_ENDPOINT_ID,
    );
  });

  it('can be used with the keyboard alone', async () => {
    const { user } = setUp();
    await screen.findByRole('dialog', { name: 'Configure Webhook' });
    const combobox = screen.getByRole('combobox', { name: 'Webhook Endpoint' });
    expect(combobox).toHaveFocus();

    await user.keyboard('{Enter}');
    expect(await screen.findByRole('listbox')).toBeInTheDocument();
    await user.keyboard('{ArrowDown}{Enter}');
    expect(combobox).toHaveTextContent('https://warehouse.example.com/in');

    await user.tab();
    expect(eventBox('Start')).toHaveFocus();
    await user.keyboard(' ');
    expect(eventBox('Start')).toBeChecked();
    await user.tab();
    await user.tab();
    await user.tab();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.tab();
    expect(saveButton()).toHaveFocus();

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('without endpoints, says to create one first and links to the create page', async () => {
    db.webhooks = [];
    const agent = createMockAgent({ name: 'Reception' });
    renderWithProviders(<WebhookTab agentId={agent.id} />, {
      path: '/agents/:agentId/webhook',
      url: paths.agentWebhook(agent.id),
    });
    const dialog = await screen.findByRole('dialog', { name: 'Configure Webhook' });

    expect(
      within(dialog).getByText('You must create webhook endpoints first before they appear here.'),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('link', { name: 'Create an endpoint' })).toHaveAttribute(
      'href',
      `/webhooks/new?returnTo=/agents/${agent.id}/webhook`,
    );
    expect(within(dialog).queryByRole('button', { name: 'Save' })).not.toBeInTheDocument();
  });
});
