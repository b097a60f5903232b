import type { Meta, StoryObj } from '@storybook/react-vite';
import { Plus } from 'lucide-react';
import { Breadcrumb } from '@client/components/ui/breadcrumb';
import { Button } from '@client/components/ui/button';
import { PageBody, PageHeader, PageTitle } from './page';

type PageStoryArgs = { title: string; wide?: boolean; withActions?: boolean; body?: string };

/** A page's frame: the header bar (where you are, actions), the title and the body. */
function PageFrame({ title, wide, withActions = true, body }: PageStoryArgs) {
  return (
    <div className="rounded-2xl border border-gray-200 bg-white">
      <PageHeader
        actions={
          withActions ? (
            <Button variant="primary">
              <Plus aria-hidden="true" className="size-4" />
              Create
            </Button>
          ) : undefined
        }
      >
        <Breadcrumb items={[{ label: 'Features', to: '/webhooks' }, { label: title }]} />
      </PageHeader>
      <PageBody wide={wide}>
        <PageTitle>{title}</PageTitle>
        <p className="mt-2 text-sm text-gray-600">
          {body ?? 'Endpoints that receive the call events of your agents.'}
        </p>
      </PageBody>
    </div>
  );
}

const meta = {
  title: 'Layout/Page',
  component: PageFrame,
  args: { title: 'Webhooks' },
  parameters: { layout: 'fullscreen' },
} satisfies Meta<typeof PageFrame>;

export default meta;
type Story = StoryObj<typeof meta>;

export const Default: Story = {};

export const WithoutActions: Story = { args: { withActions: false } };

/** Narrower side margins, for a page whose table needs the width. */
export const Wide: Story = { args: { title: 'Deliveries', wide: true } };

export const LongText: Story = {
  args: {
    title:
      'https://ingest.eu-west-1.analytics.northwind.example/tenants/northwind-health/calls/events',
    body: 'A long title wraps under the header bar; the breadcrumb above it truncates so that the actions keep their place.',
  },
};
