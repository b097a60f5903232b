import type { Meta, StoryObj } from '@storybook/react-vite';
import { Webhook } from 'lucide-react';
import { expect, screen, userEvent, waitFor } from 'storybook/test';
import { Button } from './button';
import {
  Dialog,
  DialogBody,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from './dialog';

type DialogStoryArgs = {
  size?: 'sm' | 'md' | 'lg' | 'xl' | '2xl';
  placement?: 'center' | 'right';
  bordered?: boolean;
  showClose?: boolean;
  defaultOpen?: boolean;
  body?: string;
  /** Labelled inputs in the body, for a form longer than the window. */
  fields?: number;
};

function ConfigureWebhookDialog({
  size,
  placement,
  bordered,
  showClose,
  defaultOpen,
  fields = 0,
  body = 'Pick the endpoint this agent sends its call events to, then tick the events.',
}: DialogStoryArgs) {
  return (
    <Dialog defaultOpen={defaultOpen}>
      <DialogTrigger asChild>
        <Button variant="primary">Add webhook</Button>
      </DialogTrigger>
      <DialogContent size={size} placement={placement} showClose={showClose}>
        <DialogHeader icon={<Webhook aria-hidden="true" className="size-5" />} bordered={bordered}>
          <DialogTitle>Configure Webhook</DialogTitle>
          <DialogDescription>Listen to Agent events</DialogDescription>
        </DialogHeader>
        <DialogBody>
          <p className="text-sm text-gray-700">{body}</p>
          {Array.from({ length: fields }, (_, index) => (
            <label key={index} className="mt-3 block text-sm font-medium text-gray-900">
              Header {index + 1}
              <input className="mt-1 block w-full rounded-lg border border-gray-300 px-3 py-1.5" />
            </label>
          ))}
        </DialogBody>
        <DialogFooter>
          <DialogClose asChild>
            <Button>Cancel</Button>
          </DialogClose>
          <Button variant="primary">Save</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}

const meta = {
  title: 'UI/Dialog',
  component: ConfigureWebhookDialog,
} satisfies Meta<typeof ConfigureWebhookDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Opens from its trigger, closes with Escape, and gives focus back to the trigger. */
export const Default: Story = {
  play: async ({ canvas }) => {
    const trigger = canvas.getByRole('button', { name: 'Add webhook' });
    await userEvent.click(trigger);
    await expect(await screen.findByRole('dialog', { name: 'Configure Webhook' })).toBeVisible();
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await expect(trigger).toHaveFocus();
  },
};

/** The close button in the corner is named "Close". */
export const CloseButton: Story = {
  args: { defaultOpen: true, bordered: true },
  play: async () => {
    await userEvent.click(await screen.findByRole('button', { name: 'Close' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  },
};

export const Small: Story = { args: { defaultOpen: true, size: 'sm' } };

export const WithoutCloseButton: Story = { args: { defaultOpen: true, showClose: false } };

/** A full-height panel at the right edge, for a detail beside a list. */
export const RightPanel: Story = { args: { defaultOpen: true, placement: 'right', size: '2xl' } };

/**
 * A body taller than the window scrolls inside the dialog; header and footer stay. (A scrolling body
 * needs something focusable in it, as the app's forms have, or keyboard users cannot scroll it.)
 */
export const LongContent: Story = {
  args: { defaultOpen: true, fields: 24 },
};
