import type { Meta, StoryObj } from '@storybook/react-vite';
import { Button } from './button';
import { Notice } from './notice';

const meta = {
  title: 'UI/Notice',
  component: Notice,
  args: { children: 'Deliveries are kept for 30 days.' },
} satisfies Meta<typeof Notice>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Info: Story = {};

export const Warning: Story = {
  args: {
    tone: 'warning',
    children: 'This endpoint was disabled automatically: every delivery failed for 5 days.',
  },
};

export const WithAction: Story = {
  args: {
    tone: 'warning',
    children: '3 deliveries were skipped while the endpoint was disabled.',
    action: (
      <Button size="sm" variant="secondary">
        Replay them
      </Button>
    ),
  },
};

export const LongText: Story = {
  args: {
    tone: 'warning',
    children: (
      <>
        <p className="font-medium">
          https://analytics.northwind.example/ingest/calls has been failing since 25 Nov 2026
        </p>
        <p>
          Every attempt in the last two days answered 502 Bad Gateway. Deliveries keep being retried
          on the schedule (0 s, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h) and give up after the last
          one; the endpoint is disabled automatically after five days of failures.
        </p>
      </>
    ),
    action: (
      <Button size="sm" variant="secondary">
        Retry failed deliveries
      </Button>
    ),
  },
};
