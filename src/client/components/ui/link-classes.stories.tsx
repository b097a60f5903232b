import type { Meta, StoryObj } from '@storybook/react-vite';
import { ArrowRight } from 'lucide-react';
import { Link } from '@client/lib/router';
import { expect, userEvent } from 'storybook/test';
import { linkClasses } from './link-classes';

type LinkStoryArgs = { variant: 'quiet' | 'action'; children: string };

/** `linkClasses` on a router link, as pages use it. */
function TextLink({ variant, children }: LinkStoryArgs) {
  return (
    <p className="max-w-md text-sm">
      <Link to="/calls/call_8f2k1" className={linkClasses({ variant })}>
        {children}
        {variant === 'action' ? <ArrowRight aria-hidden="true" className="size-4" /> : null}
      </Link>
    </p>
  );
}

const meta = {
  title: 'UI/Link',
  component: TextLink,
  args: { variant: 'quiet', children: 'call_8f2k1' },
} satisfies Meta<typeof TextLink>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A value that is also a link; focus shows the outline. */
export const Quiet: Story = {
  play: async ({ canvas }) => {
    await userEvent.tab();
    await expect(canvas.getByRole('link', { name: 'call_8f2k1' })).toHaveFocus();
  },
};

export const Action: Story = { args: { variant: 'action', children: 'View call' } };

export const LongText: Story = {
  args: {
    children:
      'https://ingest.eu-west-1.analytics.northwind.example/tenants/northwind-health/calls/events',
  },
};
