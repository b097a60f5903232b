import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, userEvent } from 'storybook/test';
import { RevealButton } from './reveal-button';

const SECRET = 'whsec_MfKQ9r8GKYqXGlHXKAvT1yz3mK7pQ2LwVd5HnB';

/** The button with the secret it shows and hides, as the endpoint page uses it. */
function SigningSecret({
  what,
  initiallyRevealed = false,
}: {
  what?: string;
  initiallyRevealed?: boolean;
}) {
  const [revealed, setRevealed] = useState(initiallyRevealed);
  return (
    <div className="flex items-center gap-3">
      <code className="font-mono text-sm text-gray-900">
        {revealed ? SECRET : 'whsec_••••••••••••••••'}
      </code>
      <RevealButton revealed={revealed} onToggle={() => setRevealed(!revealed)} what={what} />
    </div>
  );
}

const meta = {
  title: 'UI/RevealButton',
  component: SigningSecret,
} satisfies Meta<typeof SigningSecret>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Reveal shows the secret and becomes Hide; Hide masks it again. */
export const Hidden: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.queryByText(SECRET)).not.toBeInTheDocument();
    await userEvent.click(canvas.getByRole('button', { name: 'Reveal' }));
    await expect(canvas.getByText(SECRET)).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Hide' }));
    await expect(canvas.queryByText(SECRET)).not.toBeInTheDocument();
  },
};

export const Revealed: Story = { args: { initiallyRevealed: true } };

/** Named for what it reveals when a page has more than one. */
export const Named: Story = {
  args: { what: 'header values' },
  play: async ({ canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Reveal header values' }));
    await expect(canvas.getByRole('button', { name: 'Hide header values' })).toBeVisible();
  },
};
