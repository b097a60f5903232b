import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent } from 'storybook/test';
import { CopyButton } from './copy-button';
import { Tabs } from './tabs';

const BODY = JSON.stringify(
  { type: 'call.ended', callId: 'call_8f2k1', durationSeconds: 184 },
  null,
  2,
);

const meta = {
  title: 'UI/Tabs',
  component: Tabs,
  args: {
    label: 'Request',
    items: [
      { value: 'body', label: 'Body', content: <pre className="p-4 text-xs">{BODY}</pre> },
      {
        value: 'headers',
        label: 'Headers',
        content: <p className="p-4 text-sm">content-type: application/json</p>,
      },
      { value: 'curl', label: 'cURL', content: <p className="p-4 text-sm">curl -X POST …</p> },
    ],
  },
} satisfies Meta<typeof Tabs>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Arrow keys move between tabs (and wrap), Home and End jump; the panel follows. */
export const Keyboard: Story = {
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('tab', { name: 'Body' }));
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvas.getByRole('tab', { name: 'Headers' })).toHaveFocus();
    await expect(canvas.getByRole('tabpanel', { name: 'Headers' })).toHaveTextContent(
      'content-type',
    );
    await userEvent.keyboard('{End}');
    await expect(canvas.getByRole('tab', { name: 'cURL' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
    await userEvent.keyboard('{ArrowRight}');
    await expect(canvas.getByRole('tab', { name: 'Body' })).toHaveFocus();
  },
};

export const WithActions: Story = {
  args: {
    actions: (value) => <CopyButton value={value === 'body' ? BODY : value} what={value} />,
  },
};

export const SingleTab: Story = {
  args: {
    label: 'Response',
    items: [{ value: 'body', label: 'Body', content: <p className="p-4 text-sm">OK</p> }],
  },
};

export const LongContent: Story = {
  args: {
    panelClassName: 'max-h-48 overflow-auto',
    items: [
      {
        value: 'body',
        label: 'Body',
        content: (
          <pre className="p-4 text-xs">
            {Array.from({ length: 60 }, (_, index) => `"line${index}": "${'x'.repeat(90)}"`).join(
              '\n',
            )}
          </pre>
        ),
      },
    ],
  },
};
