import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { Input } from './input';

const meta = {
  title: 'UI/Input',
  component: Input,
  args: { 'aria-label': 'Description', placeholder: 'What this endpoint is for' },
  decorators: [(Story) => <div className="max-w-md">{Story()}</div>],
} satisfies Meta<typeof Input>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Empty: Story = {
  play: async ({ canvas }) => {
    const input = canvas.getByRole('textbox', { name: 'Description' });
    await userEvent.type(input, 'CRM sync');
    await expect(input).toHaveValue('CRM sync');
  },
};

export const Filled: Story = { args: { defaultValue: 'CRM sync: call outcomes and transcripts' } };

export const Invalid: Story = { args: { defaultValue: 'crm.northwind', 'aria-invalid': true } };

export const Disabled: Story = {
  args: { disabled: true, defaultValue: 'Managed by the platform' },
};

export const LongText: Story = {
  args: {
    defaultValue:
      'https://analytics.northwind.example/ingest/calls?tenant=northwind-health&region=eu-west-1&format=ndjson&include=transcript',
  },
};
