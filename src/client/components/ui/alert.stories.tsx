import type { Meta, StoryObj } from '@storybook/react-vite';
import { ErrorAlert } from './alert';

const meta = {
  title: 'UI/ErrorAlert',
  component: ErrorAlert,
  args: { children: 'Enter a full URL, such as https://example.com/webhook' },
} satisfies Meta<typeof ErrorAlert>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const LongText: Story = {
  args: {
    className: 'max-w-md',
    children:
      'The endpoint could not be saved: https://analytics.northwind.example/ingest/calls/with/a/very/long/path/that/does/not/fit answered 502 Bad Gateway to the signature self-test three times in a row.',
  },
};
