import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { ADMIN_ONLY } from '@client/lib/authorization';
import { SERVER_ERROR, pageParameters, renderPage, serverErrorOn } from '@testing/page-story';

/** Features → Webhooks → Create: a new endpoint, beside the code that verifies its signatures. */
const meta = {
  title: 'Pages/Webhooks/Create endpoint',
  render: renderPage,
  parameters: pageParameters('/webhooks/new'),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** Adding an endpoint opens its page. */
export const Typical: Story = {
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('heading', { level: 1, name: 'Listen to Agent events' }),
    ).toBeVisible();
    await userEvent.type(
      canvas.getByLabelText('Endpoint URL'),
      'https://hooks.northwind.example/ringpost',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Add endpoint' }));
    await expect(await canvas.findByRole('heading', { name: 'Webhook URL' })).toBeVisible();
    await expect(
      canvas.getByText('https://hooks.northwind.example/ringpost', { selector: 'p' }),
    ).toBeVisible();
  },
};

/** A URL that is not one is named beside its field. */
export const InvalidUrl: Story = {
  play: async ({ canvas }) => {
    const url = await canvas.findByLabelText('Endpoint URL');
    await userEvent.type(url, 'not a url');
    await userEvent.click(canvas.getByRole('button', { name: 'Add endpoint' }));
    await expect(url).toBeInvalid();
  },
};

export const ServerError: Story = {
  parameters: { msw: serverErrorOn('/webhooks', 'post') },
  play: async ({ canvas }) => {
    await userEvent.type(
      await canvas.findByLabelText('Endpoint URL'),
      'https://hooks.northwind.example/ringpost',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Add endpoint' }));
    await expect(await canvas.findByRole('alert')).toHaveTextContent(SERVER_ERROR);
  },
};

/** Only admins create endpoints: the others see why instead of a form. */
export const Viewer: Story = {
  globals: { role: 'viewer' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(ADMIN_ONLY.webhooks)).toBeVisible();
    await expect(canvas.queryByLabelText('Endpoint URL')).not.toBeInTheDocument();
  },
};
