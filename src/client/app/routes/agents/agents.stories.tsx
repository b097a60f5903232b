import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import {
  emptyStory,
  errorStory,
  expectQueryError,
  loadingStory,
  pageParameters,
  renderPage,
} from '@testing/page-story';

const meta = {
  title: 'Pages/Agents',
  render: renderPage,
  parameters: pageParameters('/agents'),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** The demo organisation: each agent with the endpoint it sends to, or "Not configured". */
export const Typical: Story = {
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { level: 1, name: 'Agents' })).toBeVisible();
    const table = await canvas.findByRole('table');
    const reception = within(table).getByRole('link', { name: 'Reception' });
    await expect(reception.closest('tr')).toHaveTextContent(
      'https://crm.northwind.example/hooks/ringpost',
    );
  },
};

export const Loading: Story = loadingStory('/agents', 'Loading agents');

export const Empty: Story = emptyStory('No agents yet');

export const Error: Story = errorStory('/agents', 'Could not load agents');

/** Every answer is the server's 500: the shell cannot load the session, and says so. */
export const ServerDown: Story = {
  globals: { network: 'server-errors' },
  play: async ({ canvas }) => {
    await expectQueryError(canvas, 'Could not load your session');
  },
};

/** Every answer takes 2.5 s: the shell's loading state, then the page's, then the list. */
export const SlowNetwork: Story = {
  globals: { network: 'slow' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Loading Ringpost')).toBeInTheDocument();
    await expect(
      await canvas.findByRole('link', { name: 'Reception' }, { timeout: 10_000 }),
    ).toBeVisible();
  },
};

/** No answer at all (offline): the shell says it could not reach Ringpost. */
export const Offline: Story = {
  globals: { network: 'offline' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Could not load your session')).toBeVisible();
  },
};

/** A viewer reads the same list; agents are not changed here. */
export const Viewer: Story = {
  globals: { role: 'viewer' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('link', { name: 'Reception' })).toBeVisible();
  },
};
