import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, screen, userEvent, waitFor } from 'storybook/test';
import { Button } from './button';
import { useToast } from './toast';

/** A button that raises a toast; the provider is Storybook's, as the app's is above every page. */
function ToastButton({ message }: { message: string }) {
  const { toast } = useToast();
  return <Button onClick={() => toast(message)}>Send test event</Button>;
}

const meta = {
  title: 'UI/Toast',
  component: ToastButton,
  args: { message: 'Test event queued' },
} satisfies Meta<typeof ToastButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Shown in the polite live region; the dismiss button removes it. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Send test event' }));
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Test event queued'));
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss notification' }));
    await expect(screen.getByRole('status')).toBeEmptyDOMElement();
  },
};

/** Three at most: a fourth pushes the oldest out. */
export const Stacked: Story = {
  play: async ({ canvas }) => {
    const button = canvas.getByRole('button', { name: 'Send test event' });
    for (let index = 0; index < 4; index += 1) await userEvent.click(button);
    await waitFor(() =>
      expect(screen.getAllByRole('button', { name: 'Dismiss notification' })).toHaveLength(3),
    );
  },
};

export const LongText: Story = {
  args: {
    message:
      'Could not copy: select the value of webhook-signature and copy it by hand (your browser did not allow access to the clipboard)',
  },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Send test event' }));
  },
};
