import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { LoadingSkeleton, Skeleton } from './skeleton';

const meta = {
  title: 'UI/Skeleton',
  component: LoadingSkeleton,
  args: { label: 'Loading webhooks…' },
} satisfies Meta<typeof LoadingSkeleton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Announced once as "Loading …"; the grey bars are hidden from screen readers. */
export const Loading: Story = {
  play: async ({ canvas }) => {
    // The story's page also has the toast region, another status.
    await expect(canvas.getByText('Loading webhooks…').parentElement).toHaveAttribute(
      'role',
      'status',
    );
  },
};

export const ManyLines: Story = { args: { lines: 8 } };

export const Bare: Story = {
  render: () => (
    <div className="flex items-center gap-3">
      <Skeleton className="size-10 rounded-full" />
      <Skeleton className="h-4 w-48" />
    </div>
  ),
};
