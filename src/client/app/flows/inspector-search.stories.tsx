import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { deliveryWhere, pageParameters, renderPage } from '@testing/page-story';

/**
 * Support's inspector: a customer quotes a call id. Find its deliveries, open the one that failed,
 * read what the receiver answered, then see the whole call.
 */
const meta = {
  title: 'Flows/Inspector search by call id',
  render: renderPage,
  parameters: pageParameters('/deliveries'),
  globals: { role: 'support' },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

export const FromCallIdToTheReceiversAnswer: Story = {
  play: async ({ canvas, step }) => {
    const body = within(document.body);
    // The demo's call whose End first got the receiver's 500 error page, then gave up.
    const failed = deliveryWhere(
      (d) =>
        d.status === 'failed' &&
        d.attempts[0]?.response?.status === 500 &&
        d.attempts[0].response.bodyEncoding === 'utf8',
    );

    await step('Deliveries → paste the call id', async () => {
      const search = await canvas.findByRole('searchbox', { name: 'Search' });
      await userEvent.click(search);
      await userEvent.paste(failed.callId);
      await userEvent.keyboard('{Enter}');
      const table = await canvas.findByRole('table', { name: 'Deliveries' });
      await waitFor(async () => {
        const rows = within(table).getAllByRole('row').slice(1);
        await expect(rows.length).toBeGreaterThan(0);
        for (const row of rows) await expect(row).toHaveTextContent(failed.callId);
      });
    });

    await step('Open the failed End delivery', async () => {
      await userEvent.click(
        (
          await canvas.findAllByRole('link', { name: /^Open End delivery created/ })
        )[0] as HTMLElement,
      );
      const dialog = await body.findByRole('dialog', { name: 'End delivery' });
      await expect(await within(dialog).findByRole('note', { name: 'Outcome' })).toHaveTextContent(
        /^Failed/,
      );
    });

    await step('Read the 500 the receiver answered', async () => {
      const dialog = await body.findByRole('dialog', { name: 'End delivery' });
      const page = await within(dialog).findByRole('region', { name: 'Attempt 1 response body' });
      await expect(page).toHaveTextContent('Internal Server Error');
      await expect(page).toHaveTextContent("KeyError: 'callData'");
    });

    await step('Open the call view', async () => {
      const dialog = await body.findByRole('dialog', { name: 'End delivery' });
      await userEvent.click(within(dialog).getByRole('link', { name: 'View call' }));
      await expect(
        await canvas.findByRole('heading', { level: 1, name: `Call ${failed.callId}` }),
      ).toBeVisible();
    });
  },
};
