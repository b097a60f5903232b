import type { Meta, StoryObj } from '@storybook/react-vite';
import { Webhook } from 'lucide-react';
import { Button } from './button';
import { EmptyState } from './empty-state';

const meta = {
  title: 'UI/EmptyState',
  component: EmptyState,
  args: {
    title: 'No webhooks yet',
    icon: <Webhook aria-hidden="true" className="size-5" />,
    children: 'Create an endpoint to start receiving call events.',
  },
} satisfies Meta<typeof EmptyState>;

export default meta;
type Story = StoryObj<typeof meta>;

export const WithAction: Story = {
  args: { headingLevel: 2, action: <Button variant="primary">Create webhook</Button> },
};

export const TitleOnly: Story = { args: { icon: undefined, children: undefined } };

export const LongText: Story = {
  args: {
    title: 'No deliveries match these filters in the last 30 days for this endpoint and agent',
    children:
      'Deliveries are kept for 30 days. Widen the time range, clear the failure category or search for a call id instead: a call id finds every delivery of that call, whichever endpoint it went to.',
  },
};
