import type { Meta, StoryObj } from '@storybook/react-vite';
import { LiveIndicator } from './live-indicator';

const meta = {
  title: 'UI/LiveIndicator',
  component: LiveIndicator,
  args: { state: 'open' },
} satisfies Meta<typeof LiveIndicator>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Live: Story = {};
export const Reconnecting: Story = { args: { state: 'connecting' } };
export const Paused: Story = { args: { state: 'closed' } };
