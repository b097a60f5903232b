import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent } from 'storybook/test';
import { ApiError } from '@client/lib/api-client';
import { QueryError } from './query-error';

const meta = {
  title: 'UI/QueryError',
  component: QueryError,
  args: {
    title: 'Could not load the webhooks',
    error: new ApiError(500, 'internal', 'Something went wrong on our side'),
    onRetry: fn(),
  },
} satisfies Meta<typeof QueryError>;

export default meta;
type Story = StoryObj<typeof meta>;

export const ServerError: Story = {
  play: async ({ args, canvas }) => {
    await expect(canvas.getByRole('alert')).toHaveTextContent('Something went wrong on our side');
    await userEvent.click(canvas.getByRole('button', { name: 'Try again' }));
    await expect(args.onRetry).toHaveBeenCalledOnce();
  },
};

export const Offline: Story = {
  args: {
    error: new ApiError(0, 'network_error', 'Could not reach Ringpost. Check your connection.'),
  },
};

/** Anything that is not an API error gets a generic message, never a stack trace. */
export const UnknownError: Story = { args: { error: new TypeError('x is undefined') } };

export const LongText: Story = {
  args: {
    title:
      'Could not load the deliveries of https://analytics.northwind.example/ingest/calls for the last 30 days',
    error: new ApiError(
      400,
      'validation_failed',
      'The time range is not valid: "from" must be before "to", and both must be within the last 30 days, the retention period of deliveries.',
    ),
  },
};
