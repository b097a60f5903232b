import type { Meta, StoryObj } from '@storybook/react-vite';
import { Badge, Chip } from './badge';

const meta = {
  title: 'UI/Badge',
  component: Badge,
  args: { children: 'Enabled' },
  argTypes: { tone: { control: 'select', options: ['success', 'neutral', 'warning', 'danger'] } },
} satisfies Meta<typeof Badge>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Success: Story = { args: { tone: 'success', children: 'Delivered' } };
export const Neutral: Story = { args: { tone: 'neutral', children: 'Pending' } };
export const Warning: Story = { args: { tone: 'warning', children: 'Retrying' } };
export const Danger: Story = { args: { tone: 'danger', children: 'Failed' } };

export const LongText: Story = {
  args: { tone: 'warning', children: 'Disabled automatically after five days of failures' },
};

/** A grey label for a value such as an event type. */
export const Chips: Story = {
  render: () => (
    <div className="flex flex-wrap gap-2">
      <Chip>Start</Chip>
      <Chip>End</Chip>
      <Chip>Analytics Completed</Chip>
    </div>
  ),
};
