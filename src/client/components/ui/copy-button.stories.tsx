import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, screen, spyOn, userEvent, waitFor, type MockInstance } from 'storybook/test';
import { CopyButton, CopyableValue } from './copy-button';

/** The clipboard as each story's `beforeEach` leaves it. */
let writeText: MockInstance<Clipboard['writeText']>;

const meta = {
  title: 'UI/CopyButton',
  component: CopyButton,
  args: { value: '01JDQ4V9N2M7XK3T8R5B6C1ZQH', what: 'delivery id' },
  // The headless browser may refuse the real clipboard; what matters is what the button does with it.
  beforeEach: () => {
    writeText = spyOn(navigator.clipboard, 'writeText').mockResolvedValue();
    return () => writeText.mockRestore();
  },
} satisfies Meta<typeof CopyButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** An icon named for what it copies; a click copies, says so in the toast, and shows a tick. */
export const Icon: Story = {
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Copy delivery id' }));
    await expect(writeText).toHaveBeenCalledWith('01JDQ4V9N2M7XK3T8R5B6C1ZQH');
    await waitFor(() => expect(screen.getByRole('status')).toHaveTextContent('Copied delivery id'));
  },
};

export const WithLabel: Story = {
  args: {
    value: "curl -X POST 'https://crm.northwind.example/hooks/ringpost'",
    what: 'command',
    children: 'Copy as cURL',
  },
};

/** When the clipboard refuses, the toast says how to copy by hand. */
export const ClipboardRefused: Story = {
  beforeEach: () => {
    writeText = spyOn(navigator.clipboard, 'writeText').mockRejectedValue(
      new DOMException('Write permission denied.', 'NotAllowedError'),
    );
    return () => writeText.mockRestore();
  },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Copy delivery id' }));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'Could not copy: select the delivery id and copy it by hand',
      ),
    );
  },
};

export const Disabled: Story = { args: { disabled: true } };

/** A value in monospace with its button beside it; long values break rather than overflow. */
export const Value: Story = {
  render: (args) => (
    <div className="max-w-xs">
      <CopyableValue value={args.value} what={args.what} />
    </div>
  ),
};

export const LongValue: Story = {
  args: {
    value:
      'https://analytics.northwind.example/ingest/calls?tenant=northwind-health&region=eu-west-1&format=ndjson',
    what: 'URL',
  },
  render: (args) => (
    <div className="max-w-xs">
      <CopyableValue value={args.value} what={args.what} />
    </div>
  ),
};
