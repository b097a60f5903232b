import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { paths } from '@client/lib/paths';
import {
  deliveryWhere,
  expectQueryError,
  neverAnswers,
  pageParameters,
  renderPage,
  serverErrorOn,
} from '@testing/page-story';

/** A Reception call: Start, End and Analytics Completed, all delivered to the CRM. */
const receptionCall = () =>
  deliveryWhere((d) => d.eventType === 'analytics-completed' && d.status === 'succeeded').callId;

/** The call view: every delivery of one call, per endpoint, in the call's order. */
const meta = {
  title: 'Pages/Call',
  render: renderPage,
  parameters: pageParameters(() => paths.call(receptionCall())),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

export const Typical: Story = {
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('heading', { level: 1, name: /^Call call_/ }),
    ).toBeVisible();
    const endpoint = await canvas.findByRole('region', {
      name: 'Endpoint https://crm.northwind.example/hooks/ringpost',
    });
    await expect(endpoint).toHaveTextContent('Analytics Completed');
    await expect(canvas.getByRole('link', { name: 'This call in Deliveries' })).toBeVisible();
  },
};

/** A well-formed call id that nothing was sent for. */
export const Empty: Story = {
  parameters: pageParameters(paths.call('call_nothing_sent')),
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('heading', { name: 'No deliveries for this call' }),
    ).toBeVisible();
  },
};

/** Not a call id at all: said at once, nothing asked of the API. */
export const NotACallId: Story = {
  parameters: pageParameters(paths.call('not a call id!')),
  play: async ({ canvas }) => {
    await expect(await canvas.findByText(/^This is not a call id/)).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { msw: neverAnswers('/calls/:callId') },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText("Loading the call's deliveries")).toBeInTheDocument();
  },
};

export const Error: Story = {
  parameters: { msw: serverErrorOn('/calls/:callId') },
  play: async ({ canvas }) => {
    await expectQueryError(canvas, "Could not load the call's deliveries");
  },
};
