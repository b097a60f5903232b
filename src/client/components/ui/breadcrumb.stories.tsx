import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { Breadcrumb } from './breadcrumb';

const meta = {
  title: 'UI/Breadcrumb',
  component: Breadcrumb,
  args: {
    items: [{ label: 'Agents', to: '/agents' }, { label: 'Reception' }],
  },
} satisfies Meta<typeof Breadcrumb>;

export default meta;
type Story = StoryObj<typeof meta>;

export const TwoLevels: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('link', { name: 'Agents' })).toHaveAttribute('href', '/agents');
    await expect(canvas.getByText('Reception')).toHaveAttribute('aria-current', 'page');
  },
};

export const ThreeLevels: Story = {
  args: {
    items: [
      { label: 'Deliveries', to: '/deliveries' },
      { label: 'call_8f2k1', to: '/calls/call_8f2k1' },
      { label: 'Analytics Completed' },
    ],
  },
};

/** A long current page truncates instead of pushing the page's actions away. */
export const LongText: Story = {
  args: {
    items: [
      { label: 'Webhooks', to: '/webhooks' },
      {
        label:
          'https://analytics.northwind.example/ingest/calls/with/a/long/path/for/every/region/and/tenant',
      },
    ],
  },
  decorators: [(Story) => <div className="max-w-sm">{Story()}</div>],
};
