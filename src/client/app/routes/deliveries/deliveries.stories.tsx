import type { Meta, StoryContext, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { MANY_DELIVERIES } from '@testing/scenarios';
import { paths } from '@client/lib/paths';
import {
  deliveryWhere,
  emptyStory,
  errorStory,
  loadingStory,
  pageParameters,
  renderPage,
} from '@testing/page-story';

/** Monitor → Deliveries: every delivery, newest first, searched and filtered through the URL. */
const meta = {
  title: 'Pages/Deliveries',
  render: renderPage,
  parameters: pageParameters('/deliveries'),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

type Canvas = StoryContext['canvas'];

/** The list's body rows (the first row is the header). */
async function bodyRows(canvas: Canvas) {
  const table = await canvas.findByRole('table', { name: 'Deliveries' });
  return within(table).getAllByRole('row').slice(1);
}

/** A Reception call's id: three deliveries, Start, End and Analytics Completed. */
const receptionCall = () =>
  deliveryWhere((d) => d.eventType === 'analytics-completed' && d.status === 'succeeded').callId;

export const Typical: Story = {
  play: async ({ canvas }) => {
    await expect(
      await canvas.findByRole('heading', { level: 1, name: /^Deliveries/ }),
    ).toBeVisible();
    await expect((await bodyRows(canvas)).length).toBeGreaterThan(10);
    await expect(canvas.getByRole('searchbox', { name: 'Search' })).toBeVisible();
  },
};

/** Failed deliveries only, from a link (`?status=failed`). */
export const Filtered: Story = {
  parameters: pageParameters(paths.deliveries({ status: 'failed' })),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('combobox', { name: 'Status' })).toHaveDisplayValue(
      'Failed',
    );
    for (const row of await bodyRows(canvas)) await expect(row).toHaveTextContent('Failed');
  },
};

/** A call id pasted into the search box: that call's deliveries, and a link to the call view. */
export const SearchByCallId: Story = {
  play: async ({ canvas }) => {
    const callId = receptionCall();
    await bodyRows(canvas);
    await userEvent.type(canvas.getByRole('searchbox', { name: 'Search' }), `${callId}{Enter}`);
    await waitFor(async () => expect(await bodyRows(canvas)).toHaveLength(3));
    for (const row of await bodyRows(canvas)) await expect(row).toHaveTextContent(callId);
    await expect(canvas.getByRole('link', { name: 'View the call' })).toHaveAttribute(
      'href',
      paths.call(callId),
    );
  },
};

/** 5,000 deliveries: the first 50, virtualised, and more on request. */
export const ManyRows: Story = {
  globals: { data: 'many-deliveries' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Showing 50 deliveries, more below')).toBeVisible();
    await expect(canvas.getByRole('heading', { level: 1 })).toHaveTextContent('Deliveries50+');
    await userEvent.click(canvas.getByRole('button', { name: 'Load more' }));
    await expect(await canvas.findByText('Showing 100 deliveries, more below')).toBeVisible();
    // Virtualised: a few dozen rows in the document, not all that were loaded.
    await expect((await bodyRows(canvas)).length).toBeLessThan(100);
    await expect(MANY_DELIVERIES).toBe(5_000);
  },
};

export const Empty: Story = emptyStory('No deliveries yet');

/** A search that finds nothing offers to clear it. */
export const NoMatch: Story = {
  parameters: pageParameters(paths.deliveries({ q: 'call_no_such_call' })),
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('heading', { name: 'No deliveries match' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Clear filters' }));
    await expect((await bodyRows(canvas)).length).toBeGreaterThan(10);
  },
};

export const Loading: Story = loadingStory('/deliveries', 'Loading deliveries');

export const Error: Story = errorStory('/deliveries', 'Could not load deliveries');

/** Viewers read the whole list, as support staff do. */
export const Viewer: Story = {
  globals: { role: 'viewer' },
  play: async ({ canvas }) => {
    await expect((await bodyRows(canvas)).length).toBeGreaterThan(10);
  },
};
