import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, within } from 'storybook/test';
import { notFoundMessage } from '@contract/api-messages';
import { BULK_RETRY_ADMIN_ONLY } from '@client/features/webhooks/components/bulk-retry';
import { ADMIN_ONLY } from '@client/lib/authorization';
import { paths } from '@client/lib/paths';
import {
  endpointAt,
  errorStory,
  expectQueryError,
  loadingStory,
  pageParameters,
  renderPage,
  serverErrorOn,
} from '@testing/page-story';

const endpointPage = (prefix: string) => () => paths.webhook(endpointAt(prefix).id);

/** One endpoint: its settings, secret, health, bulk retry and recent deliveries. */
const meta = {
  title: 'Pages/Webhooks/Endpoint',
  render: renderPage,
  parameters: pageParameters(endpointPage('https://crm.')),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** The CRM endpoint delivers: a week of health, nothing failing. */
export const Enabled: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { name: 'Webhook URL' })).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Disable' })).toBeEnabled();
    await expect(await canvas.findByRole('heading', { name: 'Last 24 hours' })).toBeVisible();
    await expect(canvas.getByRole('heading', { name: 'Last 7 days' })).toBeVisible();
    await expect(canvas.queryByText(/^Failing since/)).not.toBeInTheDocument();
    await expect(canvas.getByRole('button', { name: 'Retry failed deliveries…' })).toBeEnabled();
  },
};

/**
 * Analytics has failed for two days; an earlier bulk retry did not help. Retry opens the dialog,
 * which counts what it would send again.
 */
export const Failing: Story = {
  globals: { data: 'failing-endpoint' },
  parameters: pageParameters(endpointPage('https://analytics.')),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/^Failing since/)).toBeVisible();
    await expect(await canvas.findByText(/^Completed: 2 of 2/)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Retry failed deliveries…' }));
    const dialog = await within(document.body).findByRole('dialog', {
      name: 'Retry failed deliveries',
    });
    // Counted before anything is sent: the button names how many will be retried.
    await expect(
      await within(dialog).findByRole('button', { name: /^Retry \d+ deliver/ }),
    ).toBeEnabled();
  },
};

/** Legacy was disabled by the delivery engine; what came in since was skipped, to replay later. */
export const DisabledWithSkippedDeliveries: Story = {
  globals: { data: 'disabled-endpoint' },
  parameters: pageParameters(endpointPage('https://legacy.')),
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByText(/deliveries were skipped while this endpoint/),
    ).toBeVisible();
    await expect(canvas.getByRole('button', { name: 'Replay them' })).toBeDisabled();
    await expect(canvas.getByRole('button', { name: 'Enable' })).toBeEnabled();
    await expect(canvas.getByRole('button', { name: 'Retry failed deliveries…' })).toBeDisabled();
  },
};

/** A busy endpoint with 5,000 deliveries: the health card and the recent deliveries stay quick. */
export const ManyDeliveries: Story = {
  globals: { data: 'many-deliveries' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { name: 'Last 7 days' })).toBeVisible();
    await expect(await canvas.findByRole('link', { name: 'View all in Deliveries' })).toBeVisible();
  },
};

export const Loading: Story = loadingStory('/webhooks/:id', 'Loading endpoint');

export const Error: Story = errorStory('/webhooks/:id', 'Could not load this endpoint');

/** The health card's own failure leaves the rest of the page usable. */
export const HealthError: Story = {
  parameters: { msw: serverErrorOn('/webhooks/:id/health') },
  play: async ({ canvas }) => {
    await expectQueryError(canvas, "Could not load the endpoint's health");
    await expect(canvas.getByRole('heading', { name: 'Webhook URL' })).toBeVisible();
  },
};

export const UnknownEndpoint: Story = {
  parameters: pageParameters(paths.webhook('00000000-0000-4000-8000-00000000ffff')),
  play: async ({ canvas }) => {
    await expectQueryError(canvas, 'Could not load this endpoint', notFoundMessage('Endpoint'));
  },
};

/** Support staff read everything but change nothing here, bulk retry included. */
export const Support: Story = {
  globals: { role: 'support' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(ADMIN_ONLY.webhooks)).toBeVisible();
    const retry = canvas.getByRole('button', { name: 'Retry failed deliveries…' });
    await expect(retry).toBeDisabled();
    await expect(retry).toHaveAccessibleDescription(BULK_RETRY_ADMIN_ONLY);
  },
};

export const Viewer: Story = {
  globals: { role: 'viewer' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(ADMIN_ONLY.webhooks)).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Disable' })).not.toBeInTheDocument();
  },
};
