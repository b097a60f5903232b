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

const meta = {
  title: 'Pages/API keys',
  render: renderPage,
  parameters: pageParameters('/api-keys'),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** The demo's keys: two in use, one revoked. */
export const Typical: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
    const table = await canvas.findByRole('table');
    const staging = within(table).getByText('Voice platform (staging)').closest('tr');
    await expect(staging).toHaveTextContent('Revoked');
    await expect(canvas.getByRole('button', { name: 'Create API key' })).toBeEnabled();
  },
};

export const Loading: Story = loadingStory('/api-keys', 'Loading API keys');

export const Empty: Story = emptyStory('No API keys yet');

export const Error: Story = errorStory('/api-keys', 'Could not load API keys');

/** Only admins create or revoke keys; the others read the list and are told why. */
export const Viewer: Story = {
  globals: { role: 'viewer' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(ADMIN_ONLY.apiKeys)).toBeVisible();
    await expect(canvas.queryByRole('button', { name: 'Create API key' })).not.toBeInTheDocument();
    await expect(canvas.queryByRole('button', { name: /^Revoke / })).not.toBeInTheDocument();
  },
};
