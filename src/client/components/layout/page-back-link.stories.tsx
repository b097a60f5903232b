import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { PageBackLink } from './page-back-link';

const meta = {
  title: 'Layout/PageBackLink',
  component: PageBackLink,
  args: { to: '/webhooks', children: 'Back to webhooks' },
} satisfies Meta<typeof PageBackLink>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('link', { name: 'Back to webhooks' })).toHaveAttribute(
      'href',
      '/webhooks',
    );
  },
};

export const LongText: Story = {
  args: {
    to: '/deliveries',
    children:
      'Back to the deliveries of https://analytics.northwind.example/ingest/calls that failed since 25 Nov',
  },
};
