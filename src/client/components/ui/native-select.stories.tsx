import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { NativeSelect } from './native-select';

const meta = {
  title: 'UI/NativeSelect',
  component: NativeSelect,
  args: {
    'aria-label': 'Status',
    className: 'w-52',
    defaultValue: 'all',
    children: (
      <>
        <option value="all">All statuses</option>
        <option value="delivered">Delivered</option>
        <option value="failed">Failed</option>
        <option value="skipped">Skipped</option>
      </>
    ),
  },
} satisfies Meta<typeof NativeSelect>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {
  play: async ({ canvas }) => {
    const select = canvas.getByRole('combobox', { name: 'Status' });
    await userEvent.selectOptions(select, 'failed');
    await expect(select).toHaveValue('failed');
  },
};

export const Disabled: Story = { args: { disabled: true } };

/** A long choice is cut with an ellipsis inside the control's width. */
export const LongText: Story = {
  args: {
    'aria-label': 'Endpoint',
    defaultValue: 'long',
    children: (
      <>
        <option value="all">All endpoints</option>
        <option value="long">
          https://analytics.northwind.example/ingest/calls?tenant=northwind-health
        </option>
      </>
    ),
  },
};
