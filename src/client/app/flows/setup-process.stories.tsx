import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { pageParameters, renderPage } from '@testing/page-story';

/**
 * The Setup Process, played through: an organisation whose agents have no endpoint yet. Create one
 * on Features → Webhooks, then give it to Reception on its Webhook tab.
 */
const meta = {
  title: 'Flows/Setup process',
  render: renderPage,
  parameters: pageParameters('/webhooks'),
  globals: { data: 'no-endpoints' },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

const URL = 'https://crm.northwind.example/hooks/ringpost';

export const CreateAnEndpointThenSubscribeAnAgent: Story = {
  play: async ({ canvas, step }) => {
    const body = within(document.body);

    await step('Features → Webhooks → Create: add the endpoint', async () => {
      await expect(await canvas.findByRole('heading', { name: 'No endpoints yet' })).toBeVisible();
      await userEvent.click(canvas.getAllByRole('link', { name: 'Create' })[0] as HTMLElement);
      await userEvent.type(await canvas.findByLabelText('Endpoint URL'), URL);
      await userEvent.type(canvas.getByLabelText('Description'), 'CRM sync');
      await userEvent.click(canvas.getByRole('button', { name: 'Add endpoint' }));
      await expect(await canvas.findByRole('heading', { name: 'Webhook URL' })).toBeVisible();
    });

    await step('Agents → Reception → Webhook tab: it has none yet', async () => {
      await userEvent.click(canvas.getByRole('link', { name: 'Agents' }));
      await userEvent.click(await canvas.findByRole('link', { name: 'Reception' }));
      await userEvent.click(await canvas.findByRole('link', { name: 'Webhook' }));
      await expect(
        await canvas.findByRole('heading', { name: 'No webhook configured' }),
      ).toBeVisible();
    });

    const dialog = () => body.findByRole('dialog', { name: 'Configure Webhook' });

    await step('Add webhook: the events wait for an endpoint', async () => {
      await userEvent.click(canvas.getByRole('button', { name: 'Add webhook' }));
      const modal = within(await dialog());
      for (const checkbox of await modal.findAllByRole('checkbox')) {
        await expect(checkbox).toBeDisabled();
      }
      await expect(
        modal.getByText('Select a webhook endpoint to enable event selection'),
      ).toBeVisible();
      await expect(modal.getByRole('button', { name: 'Save' })).toBeDisabled();
    });

    await step('Choose the endpoint, tick Start and End, Save', async () => {
      const modal = within(await dialog());
      await userEvent.click(modal.getByRole('combobox', { name: 'Webhook Endpoint' }));
      await userEvent.click(await modal.findByRole('option', { name: new RegExp(URL) }));
      const start = modal.getByRole('checkbox', { name: 'Start' });
      await waitFor(() => expect(start).toBeEnabled());
      await userEvent.click(start);
      await userEvent.click(modal.getByRole('checkbox', { name: 'End' }));
      await userEvent.click(modal.getByRole('button', { name: 'Save' }));
    });

    await step('The saved webhook: its endpoint and events', async () => {
      await waitFor(() => expect(body.queryByRole('dialog')).not.toBeInTheDocument());
      await expect(await body.findByText('Webhook saved')).toBeVisible();
      await expect(await canvas.findByRole('link', { name: URL })).toBeVisible();
      const events = canvas.getByRole('list', { name: 'Subscribed events' });
      await expect(
        within(events)
          .getAllByRole('listitem')
          .map((item) => item.textContent),
      ).toEqual(['Start', 'End']);
    });
  },
};
