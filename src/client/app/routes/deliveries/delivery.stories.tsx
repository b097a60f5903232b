import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, within } from 'storybook/test';
import { notFoundMessage } from '@contract/api-messages';
import { ADMIN_OR_SUPPORT_ONLY } from '@client/lib/authorization';
import { paths } from '@client/lib/paths';
import { blockingDelivery } from '@testing/mocks/mock-deliveries';
import {
  deliveryWhere,
  expectQueryError,
  neverAnswers,
  pageParameters,
  renderPage,
  serverErrorOn,
} from '@testing/page-story';

/** The demo's delivery whose first attempt got the receiver's 500 page, and which then failed. */
const failedWith500 = () =>
  paths.delivery(
    deliveryWhere(
      (d) =>
        d.status === 'failed' &&
        d.attempts[0]?.response?.status === 500 &&
        d.attempts[0].response.bodyEncoding === 'utf8',
    ).id,
  );

/** A delivery opened over the Deliveries page: its outcome, attempts, payload and actions. */
const meta = {
  title: 'Pages/Deliveries/Delivery',
  render: renderPage,
  parameters: pageParameters(failedWith500),
} satisfies Meta;

export default meta;
type Story = StoryObj<typeof meta>;

const panel = (name: string | RegExp = /delivery$/) =>
  within(document.body).findByRole('dialog', { name });

/** Failed after eight attempts; the first answer was a 500 with the receiver's error page. */
export const FailedWith500: Story = {
  play: async () => {
    const dialog = await panel();
    await expect(await within(dialog).findByRole('note', { name: 'Outcome' })).toHaveTextContent(
      /^Failed/,
    );
    const body = await within(dialog).findByRole('region', { name: 'Attempt 1 response body' });
    await expect(body).toHaveTextContent('Internal Server Error');
    await expect(within(dialog).getByRole('button', { name: 'Redeliver' })).toBeEnabled();
  },
};

export const Delivered: Story = {
  parameters: pageParameters(() =>
    paths.delivery(deliveryWhere((d) => d.status === 'succeeded').id),
  ),
  play: async () => {
    const dialog = await panel();
    await expect(await within(dialog).findByRole('note', { name: 'Outcome' })).toHaveTextContent(
      /^Delivered/,
    );
  },
};

/** An End that waits for its call's Start, still being retried (per-call order). */
export const WaitingForStart: Story = {
  parameters: pageParameters(() =>
    paths.delivery(deliveryWhere((d) => d.attempts.length === 0 && !!blockingDelivery(d)).id),
  ),
  play: async () => {
    const dialog = await panel('End delivery');
    await expect(await within(dialog).findByText("Waits for this call's Start")).toBeVisible();
    await expect(
      within(dialog).getByRole('link', { name: 'Open the Start delivery' }),
    ).toBeVisible();
  },
};

/** Support staff redeliver, to the endpoint or once to another URL. */
export const Support: Story = {
  globals: { role: 'support' },
  play: async () => {
    const dialog = await panel();
    await expect(await within(dialog).findByRole('button', { name: 'Redeliver' })).toBeEnabled();
    await expect(
      within(dialog).getByRole('button', { name: 'Redeliver to another URL…' }),
    ).toBeEnabled();
  },
};

/** A viewer reads the delivery and may copy it as cURL, but is offered no redelivery, and told why. */
export const Viewer: Story = {
  globals: { role: 'viewer' },
  play: async () => {
    const dialog = await panel();
    await expect(await within(dialog).findByRole('button', { name: 'Copy as cURL' })).toBeEnabled();
    await expect(
      within(dialog).queryByRole('button', { name: 'Redeliver' }),
    ).not.toBeInTheDocument();
    await expect(within(dialog).getByText(ADMIN_OR_SUPPORT_ONLY.redeliver)).toBeVisible();
  },
};

export const Loading: Story = {
  parameters: { msw: neverAnswers('/deliveries/:id') },
  play: async () => {
    await expect(
      await within(await panel('Delivery')).findByText('Loading delivery'),
    ).toBeInTheDocument();
  },
};

export const Error: Story = {
  parameters: { msw: serverErrorOn('/deliveries/:id') },
  play: async () => {
    await expectQueryError(within(await panel('Delivery')), 'Could not load this delivery');
  },
};

export const UnknownDelivery: Story = {
  parameters: pageParameters(paths.delivery('msg_01JZZZZZZZZZZZZZZZZZZZZZZZ')),
  play: async () => {
    await expectQueryError(
      within(await panel('Delivery')),
      'There is no such delivery',
      notFoundMessage('Delivery'),
    );
  },
};
