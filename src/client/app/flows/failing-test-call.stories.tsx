import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, userEvent, waitFor, within } from 'storybook/test';
import { paths } from '@client/lib/paths';
import { advanceMockClock, freezeMockClock } from '@testing/mocks/mock-db';
import { QUEUE_DELAY_MS, RETRY_DELAYS_MS } from '@testing/mocks/mock-deliveries';
import { agentNamed, pageParameters, renderPage } from '@testing/page-story';

/**
 * A test call to an endpoint that answers 502: its Start fails, is retried on schedule and fails
 * again, and an admin redelivers it by hand. The mock deliveries follow the mock clock, which the
 * story stops and moves itself, so that each step shows the same thing however fast the run is.
 */
const meta = {
  title: 'Flows/Failing test call',
  render: renderPage,
  parameters: pageParameters(() => paths.agentWebhook(agentNamed('Satisfaction survey').id)),
  globals: { data: 'failing-endpoint' },
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

/** Longer than any mock attempt takes (a 502 answers in 610 ms). */
const ATTEMPT_MS = 1_000;

export const FailThenRedeliver: Story = {
  play: async ({ canvas, step }) => {
    freezeMockClock();
    const body = within(document.body);
    const startRow = async () => {
      const panel = await canvas.findByRole('region', { name: 'Test call' });
      const cell = await within(panel).findByText('Start', { selector: 'span' });
      return cell.closest('tr') as HTMLElement;
    };

    await step('Make a test call to the failing Analytics endpoint', async () => {
      await expect(
        await canvas.findByRole('link', {
          name: 'https://analytics.northwind.example/ingest/calls',
        }),
      ).toBeVisible();
      await userEvent.click(canvas.getByRole('button', { name: 'Make test call' }));
      await expect(await startRow()).toBeVisible();
    });

    await step('Its Start gets a 502, and a retry is scheduled', async () => {
      advanceMockClock(QUEUE_DELAY_MS + ATTEMPT_MS);
      await waitFor(async () => expect(await startRow()).toHaveTextContent('502'));
      await expect(await startRow()).toHaveTextContent(/Retry at/);
    });

    await step('The scheduled retry fails too', async () => {
      advanceMockClock(RETRY_DELAYS_MS[0] + ATTEMPT_MS);
      await waitFor(async () => {
        const cells = within(await startRow()).getAllByRole('cell');
        await expect(cells[3]).toHaveTextContent('2');
      });
    });

    await step('Open the Start delivery and redeliver it', async () => {
      await userEvent.click(
        within(await startRow()).getByRole('button', { name: /^View payload of Start/ }),
      );
      const dialog = await body.findByRole('dialog', { name: 'Start delivery' });
      await userEvent.click(await within(dialog).findByRole('button', { name: 'Redeliver' }));
      await expect(await body.findByText('Redelivery queued')).toBeVisible();
    });

    await step('The redelivery is recorded as Ada’s, and got a 502 as well', async () => {
      advanceMockClock(ATTEMPT_MS);
      const dialog = await body.findByRole('dialog', { name: 'Start delivery' });
      await waitFor(() =>
        expect(within(dialog).getAllByRole('listitem', { name: /^Attempt \d+$/ })).toHaveLength(3),
      );
      const [latest] = within(dialog).getAllByRole('listitem', { name: /^Attempt \d+$/ });
      await expect(latest).toHaveTextContent('Redelivery by Ada Admin');
      await expect(latest).toHaveTextContent('502');
    });
  },
};
