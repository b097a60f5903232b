import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '@contract/auth';
import { createPastDelivery } from '@testing/mocks/mock-deliveries';
import {
  advanceMockClock,
  createMockAgent,
  createMockWebhook,
  db,
  freezeMockClock,
  toWebhookDetail,
  type WebhookRecord,
} from '@testing/mocks/mock-db';
import { server } from '@testing/msw-server';
import { renderWithProviders } from '@testing/render-with-providers';
import { BulkRetry } from './bulk-retry';

const HOUR = 3_600_000;

function setUp({
  role = 'admin',
  failed = 3,
  overrides = {},
}: { role?: Role; failed?: number; overrides?: Partial<WebhookRecord> } = {}) {
  freezeMockClock();
  const webhook = createMockWebhook({ url: 'https://crm.example.com/hooks', ...overrides });
  const agent = createMockAgent();
  for (let i = 0; i < failed; i++) {
    createPastDelivery({
      webhook,
      agent,
      eventType: 'post-conversation',
      callId: `call_${i}`,
      // Two within the last 24 hours' reach (their retries ended within it), the rest older.
      at: Date.now() - (30 + i * 24) * HOUR,
      outcomes: ['bad-gateway'],
      final: true,
    });
  }
  webhook.receiver = 'verifies';
  return {
    webhook,
    ...renderWithProviders(<BulkRetry webhook={toWebhookDetail(webhook, role)} />, {
      signedInAs: role,
    }),
  };
}

describe('BulkRetry', () => {
  it('counts first, then retries on confirmation and follows the job to the end, live', async () => {
    const { user } = setUp();
    const posts: string[] = [];
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST') posts.push(new URL(request.url).pathname);
    });

    await user.click(screen.getByRole('button', { name: 'Retry failed deliveries…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Retry failed deliveries' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Failed since' }), [
      'The last 7 days',
    ]);
    expect(await within(dialog).findByText('3 failed deliveries')).toBeInTheDocument();
    // Nothing is sent before the admin confirms the count.
    expect(posts).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Retry 3 deliveries' }));
    expect(await screen.findByText('Retrying 3 deliveries')).toBeInTheDocument();
    expect(posts).toEqual([expect.stringMatching(/\/retry-jobs$/)]);
    const progress = await screen.findByRole('progressbar', { name: /^Retry job started/ });
    expect(progress).toHaveAttribute('aria-valuemax', '3');

    advanceMockClock(1_000);
    await waitFor(
      () => expect(screen.getByText(/^Completed: 3 of 3 re-queued/)).toBeInTheDocument(),
      {
        timeout: 2_500,
      },
    );
    expect(progress).toHaveAttribute('aria-valuenow', '3');
    expect(screen.queryByRole('button', { name: 'Cancel retry job' })).not.toBeInTheDocument();
    expect(db.deliveries.every((d) => d.status !== 'failed')).toBe(true);
  });

  it('can be cancelled while it runs', async () => {
    const { user } = setUp({ failed: 5 });
    await user.click(screen.getByRole('button', { name: 'Retry failed deliveries…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Retry failed deliveries' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Failed since' }), [
      'The last 7 days',
    ]);
    await user.click(await within(dialog).findByRole('button', { name: 'Retry 5 deliveries' }));
    await screen.findByText(/^Running: 1 of 5 re-queued/);
    // The button that started it says why it cannot start another.
    expect(
      screen.getByRole('button', { name: 'Retry failed deliveries…' }),
    ).toHaveAccessibleDescription('A retry job is running: wait for it to finish or cancel it.');

    advanceMockClock(500);
    await screen.findByText(/^Running: 2 of 5 re-queued/, {}, { timeout: 2_500 });
    await user.click(screen.getByRole('button', { name: 'Cancel retry job' }));
    expect(await screen.findByText('Retry job cancelled')).toBeInTheDocument();
    expect(await screen.findByText(/^Cancelled: 2 of 5 re-queued/)).toBeInTheDocument();
    advanceMockClock(5_000);
    expect(db.retryJobs[0]?.requeued).toBe(2);
  });

  it('says when there is nothing to retry, and lets no one confirm an empty job', async () => {
    const { user } = setUp({ failed: 0 });
    await user.click(screen.getByRole('button', { name: 'Retry failed deliveries…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Retry failed deliveries' });
    expect(await within(dialog).findByText(/^No failed deliveries since/)).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Retry' })).toBeDisabled();
  });

  it('is for admins only, and for enabled endpoints', () => {
    setUp({ role: 'support' });
    expect(
      screen.getByRole('button', { name: 'Retry failed deliveries…' }),
    ).toHaveAccessibleDescription('Only admins can retry failed deliveries in bulk');
  });

  it('waits for a disabled endpoint to be enabled', () => {
    setUp({ overrides: { status: 'disabled', disabledReason: 'Disabled by Ada' } });
    const button = screen.getByRole('button', { name: 'Retry failed deliveries…' });
    expect(button).toBeDisabled();
    expect(button).toHaveAccessibleDescription(
      'Enable the endpoint to retry its failed deliveries.',
    );
  });
});
