import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { ADMIN_ONLY } from '@client/lib/authorization';
import {
  emptyStory,
  errorStory,
  loadingStory,
  pageParameters,
  renderPage,
} from '@testing/page-story';

/** Features → Webhooks: the organisation's hosted endpoints. */
const meta = {
  title: 'Pages/Webhooks',
  render: renderPage,
  parameters: pageParameters('/webhooks'),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** Every endpoint of the demo, with the agents it serves and how it is doing. */
export const Typical: Story = {
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('heading', { level: 1, name: 'Hosted endpoints' }),
    ).toBeVisible();
    const table = await canvas.findByRole('table');
    const crm = within(table).getByRole('link', {
      name: 'https://crm.northwind.example/hooks/ringpost',
    });
    await expect(crm.closest('tr')).toHaveTextContent('Reception');
    const legacy = within(table).getByRole('link', {
      name: 'https://legacy.northwind.example/webhook',
    });
    await expect(legacy.closest('tr')).toHaveTextContent('Disabled');
    await expect(canvas.getByRole('link', { name: 'Create' })).toBeVisible();
  },
};

export const Loading: Story = loadingStory('/webhooks', 'Loading webhooks');

export const Empty: Story = emptyStory('No endpoints yet');

export const Error: Story = errorStory('/webhooks', 'Could not load webhooks');

/** Only admins create or delete endpoints; support staff are told so. */
export const Support: Story = {
  globals: { role: 'support' },
  play: async ({ canvas }) => {
    const create = await canvas.findByRole('button', { name: 'Create' });
    await expect(create).toBeDisabled();
    await expect(create).toHaveAccessibleDescription(ADMIN_ONLY.webhooks);
    const table = await canvas.findByRole('table');
    for (const remove of within(table).getAllByRole('button', { name: /^Delete / })) {
      await expect(remove).toBeDisabled();
    }
  },
};

export const Viewer: Story = {
  globals: { role: 'viewer' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('button', { name: 'Create' })).toBeDisabled();
    await expect(canvas.queryByRole('link', { name: 'Create' })).not.toBeInTheDocument();
  },
};
