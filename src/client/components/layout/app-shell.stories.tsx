import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, userEvent } from 'storybook/test';
import { AppShell } from './app-shell';
import { PageBody, PageHeader, PageTitle } from './page';

const meta = {
  title: 'Layout/AppShell',
  component: AppShell,
  args: {
    organisationName: 'Northwind Health',
    user: { name: 'Ada Admin', email: 'admin@example.com', role: 'admin' },
    onSignOut: fn(),
    children: (
      <>
        <PageHeader>
          <span className="text-sm text-gray-600">Agents</span>
        </PageHeader>
        <PageBody>
          <PageTitle>Agents</PageTitle>
        </PageBody>
      </>
    ),
  },
  parameters: { layout: 'fullscreen', url: '/agents' },
  // The collapsed choice is kept in localStorage; each story starts expanded.
  beforeEach: () => window.localStorage.removeItem('ringpost.sidebar-collapsed'),
} satisfies Meta<typeof AppShell>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Collapsing is remembered for the next visit. */
export const Default: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('main')).toHaveTextContent('Agents');
    await userEvent.click(canvas.getByRole('button', { name: 'Collapse sidebar' }));
    await expect(window.localStorage.getItem('ringpost.sidebar-collapsed')).toBe('true');
  },
};

export const Collapsed: Story = {
  beforeEach: () => window.localStorage.setItem('ringpost.sidebar-collapsed', 'true'),
};

export const LongContent: Story = {
  args: {
    children: (
      <PageBody>
        <PageTitle>Deliveries</PageTitle>
        {Array.from({ length: 60 }, (_, index) => (
          <p key={index} className="mt-2 text-sm text-gray-700">
            Delivery {index + 1}: call.ended to https://crm.northwind.example/hooks/ringpost
          </p>
        ))}
      </PageBody>
    ),
  },
};
