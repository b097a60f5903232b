import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, screen, userEvent, waitFor, within } from 'storybook/test';
import { roleRefused } from '@contract/api-messages';
import { ApiError } from '@client/lib/api-client';
import { Button } from './button';
import { ConfirmDialog, type ConfirmDialogProps } from './confirm-dialog';

/** The dialog with the button that opens it, as pages use it. */
function WithOpener(props: ConfirmDialogProps) {
  const [open, setOpen] = useState(props.open);
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        Delete endpoint
      </Button>
      <ConfirmDialog
        {...props}
        open={open}
        onOpenChange={(next) => {
          setOpen(next);
          props.onOpenChange(next);
        }}
      />
    </>
  );
}

const meta = {
  title: 'UI/ConfirmDialog',
  component: ConfirmDialog,
  args: {
    open: false,
    onOpenChange: fn(),
    onConfirm: fn(),
    title: 'Delete this endpoint?',
    description:
      'Agents that send here stop sending. Its deliveries stay in the history for support.',
    confirmLabel: 'Delete endpoint',
  },
  render: (args) => <WithOpener {...args} />,
} satisfies Meta<typeof ConfirmDialog>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Opens from its button, confirms, and gives focus back to the button when closed. */
export const Danger: Story = {
  play: async ({ args, canvas }) => {
    const opener = canvas.getByRole('button', { name: 'Delete endpoint' });
    await userEvent.click(opener);
    const dialog = await screen.findByRole('dialog', { name: 'Delete this endpoint?' });
    await expect(dialog).toBeVisible();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Delete endpoint' }));
    await expect(args.onConfirm).toHaveBeenCalledOnce();
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await expect(opener).toHaveFocus();
  },
};

export const Primary: Story = {
  args: {
    open: true,
    tone: 'primary',
    title: 'Replay 3 skipped deliveries?',
    description: 'They are sent again now, in order per call.',
    confirmLabel: 'Replay them',
  },
};

/** While the change runs, neither button nor Escape closes the dialog. */
export const Pending: Story = {
  args: { open: true, pending: true },
  play: async () => {
    const dialog = await screen.findByRole('dialog');
    await expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    await userEvent.keyboard('{Escape}');
    await expect(dialog).toBeInTheDocument();
  },
};

/** The server's refusal, shown in place. */
export const Refused: Story = {
  args: {
    open: true,
    error: new ApiError(403, 'forbidden', roleRefused('viewer', ['admin'])),
  },
  play: async () => {
    await expect(await screen.findByRole('alert')).toHaveTextContent(
      roleRefused('viewer', ['admin']),
    );
  },
};

export const WithExtraActionsAndLongText: Story = {
  args: {
    open: true,
    title: 'Rotate the signing secret of https://analytics.northwind.example/ingest/calls?',
    description:
      'The new secret signs every delivery from now on. Receivers that still check the old secret keep working for 24 hours if you keep it; after that, only the new one verifies. Update the receiver before the old secret expires, or deliveries will fail their signature check.',
    confirmLabel: 'Rotate, keep old for 24 h',
    tone: 'primary',
    extraActions: <Button variant="danger">Rotate now</Button>,
  },
};
