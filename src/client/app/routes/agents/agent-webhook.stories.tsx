import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { ADMIN_ONLY, ADMIN_OR_SUPPORT_ONLY } from '@client/lib/authorization';
import { paths } from '@client/lib/paths';
import {
  agentNamed,
  errorStory,
  expectQueryError,
  loadingStory,
  pageParameters,
  renderPage,
  serverErrorOn,
} from '@testing/page-story';

const receptionWebhook = () => paths.agentWebhook(agentNamed('Reception').id);

/** Agent Settings → Webhook: the endpoint the agent sends to, its events, a test call. */
const meta = {
  title: 'Pages/Agent settings/Webhook',
  render: renderPage,
  parameters: pageParameters(receptionWebhook),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

const CRM = 'https://crm.northwind.example/hooks/ringpost';

/** Reception sends every event to the CRM; its recent deliveries are listed below. */
export const WithWebhook: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('link', { name: CRM })).toBeVisible();
    const events = canvas.getByRole('list', { name: 'Subscribed events' });
    await expect(within(events).getAllByRole('listitem')).toHaveLength(3);
    await expect(canvas.getByRole('button', { name: 'Make test call' })).toBeEnabled();
    const recent = await canvas.findByRole('region', { name: 'Recent deliveries' });
    await expect(await within(recent).findByRole('table')).toBeVisible();
  },
};

/** No agent has a webhook yet (and the organisation has no endpoints). */
export const WithoutWebhook: Story = {
  globals: { data: 'no-endpoints' },
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('heading', { name: 'No webhook configured' }),
    ).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Add webhook' })).toBeEnabled();
    await expect(canvas.queryByRole('button', { name: 'Make test call' })).not.toBeInTheDocument();
  },
};

/**
 * The Configure Webhook modal over the tab (`?configure`), with Reception's saved endpoint and
 * events: Save waits for a change.
 */
export const ConfigureWebhookModal: Story = {
  parameters: pageParameters(() => `${receptionWebhook()}?configure`),
  play: async () => {
    const body = within(document.body);
    const dialog = await body.findByRole('dialog', { name: 'Configure Webhook' });
    await expect(
      within(dialog).getByRole('combobox', { name: 'Webhook Endpoint' }),
    ).toHaveTextContent(CRM);
    for (const checkbox of within(dialog).getAllByRole('checkbox')) {
      await expect(checkbox).toBeChecked();
    }
    await expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
  },
};

/** With no endpoint to choose, the modal leads to creating one. */
export const ConfigureWebhookWithoutEndpoints: Story = {
  globals: { data: 'no-endpoints' },
  parameters: pageParameters(() => `${receptionWebhook()}?configure`),
  play: async () => {
    const dialog = await within(document.body).findByRole('dialog', { name: 'Configure Webhook' });
    const create = await within(dialog).findByRole('link', { name: 'Create an endpoint' });
    await expect(create).toHaveAttribute('href', paths.newWebhook(receptionWebhook()));
  },
};

/** The endpoints for the dropdown could not be loaded: the modal says so and offers a retry. */
export const ConfigureWebhookEndpointsError: Story = {
  parameters: {
    ...pageParameters(() => `${receptionWebhook()}?configure`),
    msw: serverErrorOn('/webhooks'),
  },
  play: async () => {
    const dialog = await within(document.body).findByRole('dialog', { name: 'Configure Webhook' });
    await expectQueryError(within(dialog), 'Could not load webhook endpoints');
  },
};

export const Loading: Story = loadingStory('/agents/:id', 'Loading agent');

export const Error: Story = errorStory('/agents/:id', 'Could not load this agent');

/** Support staff make test calls but do not change the webhook. */
export const Support: Story = {
  globals: { role: 'support' },
  play: async ({ canvas }) => {
    const edit = await canvas.findByRole('button', { name: 'Edit' });
    await expect(edit).toBeDisabled();
    await expect(edit).toHaveAccessibleDescription(ADMIN_ONLY.webhooks);
    await expect(canvas.getByRole('button', { name: 'Make test call' })).toBeEnabled();
  },
};

/** A viewer can neither change the webhook nor make a test call, and is told why. */
export const Viewer: Story = {
  globals: { role: 'viewer' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Edit' })).toBeDisabled();
    const testCall = canvas.getByRole('button', { name: 'Make test call' });
    await expect(testCall).toBeDisabled();
    await expect(testCall).toHaveAccessibleDescription(ADMIN_OR_SUPPORT_ONLY.tests);
  },
};

/** A test call's deliveries appear below the webhook as they are sent. */
export const TestCall: Story = {
  play: async ({ canvas }) => {
    await userEvent.click(await canvas.findByRole('button', { name: 'Make test call' }));
    const panel = await canvas.findByRole('region', { name: 'Test call' });
    await expect(await within(panel).findByRole('table')).toBeVisible();
  },
};
