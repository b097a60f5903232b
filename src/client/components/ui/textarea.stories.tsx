import type { Meta, StoryObj } from '@storybook/react-vite';
import { Textarea } from './textarea';

const meta = {
  title: 'UI/Textarea',
  component: Textarea,
  args: { 'aria-label': 'Agent description', placeholder: 'What this agent does' },
  decorators: [(Story) => <div className="max-w-md">{Story()}</div>],
} satisfies Meta<typeof Textarea>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {};

export const Invalid: Story = { args: { defaultValue: ' ', 'aria-invalid': true } };

export const Disabled: Story = {
  args: { disabled: true, defaultValue: 'Answers inbound calls, books and moves appointments.' },
};

export const LongText: Story = {
  args: {
    rows: 4,
    defaultValue: Array.from(
      { length: 8 },
      () =>
        'Answers inbound calls, books and moves appointments, and hands over to the front desk.',
    ).join(' '),
  },
};
