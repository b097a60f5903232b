import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { paths } from '@client/lib/paths';
import { agentNamed, pageParameters, renderPage } from '@testing/page-story';

/**
 * Configure Webhook with nothing to choose: its link creates an endpoint and comes back to the
 * modal with that endpoint already chosen.
 */
const meta = {
  title: 'Flows/No endpoints detour',
  render: renderPage,
  parameters: pageParameters(() => paths.agentWebhook(agentNamed('Reception').id)),
  globals: { data: 'no-endpoints' },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

const URL = 'https://crm.northwind.example/hooks/ringpost';

export const CreateAnEndpointFromTheModal: Story = {
  play: async ({ canvas, step }) => {
    const body = within(document.body);

    await step('Add webhook: no endpoints, so the modal offers to create one', async () => {
      await userEvent.click(await canvas.findByRole('button', { name: 'Add webhook' }));
      const dialog = await body.findByRole('dialog', { name: 'Configure Webhook' });
      await expect(
        await within(dialog).findByText(
          'You must create webhook endpoints first before they appear here.',
        ),
      ).toBeVisible();
      const create = within(dialog).getByRole('link', { name: 'Create an endpoint' });
      // The way forward has the focus, as a keyboard user needs.
      await waitFor(() => expect(create).toHaveFocus());
      await userEvent.click(create);
    });

    await step('Create the endpoint', async () => {
      await userEvent.type(await canvas.findByLabelText('Endpoint URL'), URL);
      await userEvent.click(canvas.getByRole('button', { name: 'Add endpoint' }));
    });

    await step('Back on the Webhook tab, the modal has the new endpoint chosen', async () => {
      const dialog = await body.findByRole('dialog', { name: 'Configure Webhook' });
      await expect(
        await within(dialog).findByRole('combobox', { name: 'Webhook Endpoint' }),
      ).toHaveTextContent(URL);
      const analytics = within(dialog).getByRole('checkbox', { name: 'Analytics Completed' });
      await expect(analytics).toBeEnabled();
      await userEvent.click(analytics);
      await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    });

    await step('Saved', async () => {
      await expect(await canvas.findByRole('link', { name: URL })).toBeVisible();
      await expect(canvas.getByRole('list', { name: 'Subscribed events' })).toHaveTextContent(
        'Analytics Completed',
      );
    });
  },
};
