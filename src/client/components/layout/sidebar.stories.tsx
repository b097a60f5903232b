import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { expect, fn, screen, userEvent, waitFor, within } from 'storybook/test';
import { ApiError } from '@client/lib/api-client';
import { Sidebar, type SidebarProps } from './sidebar';

/** The sidebar with its collapsed state kept, as the app shell does. */
function StatefulSidebar(props: SidebarProps) {
  const [collapsed, setCollapsed] = useState(props.collapsed);
  return (
    <div className="flex min-h-screen bg-gray-100">
      <Sidebar
        {...props}
        collapsed={collapsed}
        onCollapsedChange={(next) => {
          setCollapsed(next);
          props.onCollapsedChange(next);
        }}
      />
    </div>
  );
}

const meta = {
  title: 'Layout/Sidebar',
  component: Sidebar,
  args: {
    organisationName: 'Northwind Health',
    user: { name: 'Ada Admin', email: 'admin@example.com', role: 'admin' },
    collapsed: false,
    onCollapsedChange: fn(),
    onSignOut: fn(),
  },
  render: (args) => <StatefulSidebar {...args} />,
  parameters: { layout: 'fullscreen', url: '/webhooks' },
} satisfies Meta<typeof Sidebar>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The current page is marked; the collapse button hides the labels and keeps the names. */
export const Expanded: Story = {
  play: async ({ args, canvas }) => {
    const nav = within(canvas.getByRole('navigation', { name: 'Main' }));
    await expect(nav.getByRole('link', { name: 'Webhooks' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await userEvent.click(canvas.getByRole('button', { name: 'Collapse sidebar' }));
    await expect(args.onCollapsedChange).toHaveBeenCalledWith(true);
    await expect(canvas.getByRole('button', { name: 'Expand sidebar' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Webhooks' })).toBeVisible();
  },
};

export const Collapsed: Story = { args: { collapsed: true } };

export const Support: Story = {
  args: { user: { name: 'Sam Support', email: 'support@example.com', role: 'support' } },
  parameters: { url: '/calls/call_8f2k1' },
};

export const SigningOut: Story = { args: { signingOut: true } };

/** "Sign out everywhere" asks first; the server's refusal shows in the dialog. */
export const SignOutEverywhere: Story = {
  args: {
    signOutEverywhere: {
      run: fn(),
      pending: false,
      error: new ApiError(500, 'internal', 'Something went wrong on our side'),
      reset: fn(),
    },
  },
  play: async ({ args, canvas }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Sign out everywhere' }));
    const dialog = await screen.findByRole('dialog', { name: 'Sign out everywhere?' });
    await expect(args.signOutEverywhere?.reset).toHaveBeenCalled();
    await expect(within(dialog).getByRole('alert')).toHaveTextContent('Something went wrong');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Sign out everywhere' }));
    await expect(args.signOutEverywhere?.run).toHaveBeenCalledOnce();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
  },
};

export const LongText: Story = {
  args: {
    organisationName: 'Northwind Health Regional Clinics and Outpatient Services',
    user: {
      name: 'Maximiliana Bartholomew-Featherstonehaugh',
      email: 'max@example.com',
      role: 'viewer',
    },
  },
};
