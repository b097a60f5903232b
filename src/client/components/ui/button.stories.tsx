import type { Meta, StoryObj } from '@storybook/react-vite';
import { Plus, Trash2 } from 'lucide-react';
import { expect, fn, userEvent } from 'storybook/test';
import { Button } from './button';

const meta = {
  title: 'UI/Button',
  component: Button,
  args: { children: 'Save changes', onClick: fn() },
  argTypes: {
    variant: {
      control: 'select',
      options: ['primary', 'secondary', 'ghost', 'danger', 'danger-ghost'],
    },
    size: { control: 'select', options: ['sm', 'md', 'icon', 'icon-sm'] },
  },
} satisfies Meta<typeof Button>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Primary: Story = {
  args: { variant: 'primary' },
  play: async ({ args, canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Save changes' }));
    await expect(args.onClick).toHaveBeenCalledOnce();
  },
};

export const Secondary: Story = { args: { variant: 'secondary', children: 'Cancel' } };

export const Ghost: Story = { args: { variant: 'ghost', children: 'Show filters' } };

export const Danger: Story = { args: { variant: 'danger', children: 'Delete endpoint' } };

export const DangerGhost: Story = {
  args: {
    variant: 'danger-ghost',
    size: 'sm',
    children: (
      <>
        <Trash2 aria-hidden="true" className="size-4" />
        Remove
      </>
    ),
  },
};

export const Small: Story = { args: { variant: 'secondary', size: 'sm', children: 'Refresh' } };

export const WithIcon: Story = {
  args: {
    variant: 'primary',
    children: (
      <>
        <Plus aria-hidden="true" className="size-4" />
        Add webhook
      </>
    ),
  },
};

export const IconOnly: Story = {
  args: {
    variant: 'ghost',
    size: 'icon',
    'aria-label': 'Delete endpoint',
    title: 'Delete endpoint',
    children: <Trash2 aria-hidden="true" className="size-4" />,
  },
};

/** Disabled buttons ignore clicks: nothing reaches the handler. */
export const Disabled: Story = {
  args: { variant: 'primary', disabled: true, children: 'Saving…' },
  play: async ({ args, canvas }) => {
    const button = canvas.getByRole('button', { name: 'Saving…' });
    await expect(button).toBeDisabled();
    await userEvent.click(button, { pointerEventsCheck: 0 });
    await expect(args.onClick).not.toHaveBeenCalled();
  },
};

export const DisabledVariants: Story = {
  render: (args) => (
    <div className="flex flex-wrap gap-3">
      {(['primary', 'secondary', 'ghost', 'danger', 'danger-ghost'] as const).map((variant) => (
        <Button key={variant} {...args} variant={variant} disabled>
          {variant}
        </Button>
      ))}
    </div>
  ),
};

/** Buttons never wrap: a long label widens the button instead. */
export const LongText: Story = {
  args: {
    variant: 'secondary',
    children: 'Replay the 1,284 skipped deliveries of this endpoint from the last seven days',
  },
};
