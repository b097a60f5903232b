import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { createPastDelivery } from '@testing/mocks/mock-deliveries';
import { createMockAgent, createMockWebhook, freezeMockClock } from '@testing/mocks/mock-db';
import { renderWithProviders } from '@testing/render-with-providers';
import { hourlySummary, WebhookHealthCard } from './webhook-health-card';

const HOUR = 3_600_000;

describe('WebhookHealthCard', () => {
  it('shows the success rate and latency percentiles over 24 hours and 7 days, and says what the chart shows', async () => {
    freezeMockClock();
    const webhook = createMockWebhook();
    const agent = createMockAgent();
    // Three days ago: one delivered at once and one that failed twice before it got through.
    for (const outcomes of [['ok'], ['bad-gateway', 'bad-gateway', 'ok']] as const) {
      createPastDelivery({
        webhook,
        agent,
        eventType: 'pre-conversation',
        callId: `call_${outcomes.length}`,
        at: Date.now() - 72 * HOUR,
        outcomes,
      });
    }
    // Today: one delivered.
    createPastDelivery({
      webhook,
      agent,
      eventType: 'pre-conversation',
      callId: 'call_today',
      at: Date.now() - 2 * HOUR,
      outcomes: ['ok'],
    });
    renderWithProviders(<WebhookHealthCard webhookId={webhook.id} />);

    const day = await screen.findByRole('heading', { name: 'Last 24 hours' });
    const week = screen.getByRole('heading', { name: 'Last 7 days' });
    const dayCard = day.parentElement as HTMLElement;
    const weekCard = week.parentElement as HTMLElement;
    expect(dayCard).toHaveTextContent('100%succeeded1 of 1 attempt');
    expect(dayCard).toHaveTextContent('p50≤ 1.0 sp95≤ 1.0 s');
    expect(weekCard).toHaveTextContent('60%succeeded3 of 5 attempts');
    // The slow one took over 5 minutes from acceptance to its 2xx (the retries' waits): p95 shows it.
    expect(weekCard).toHaveTextContent(/p95≤ 30 min$/);

    const caption = screen.getByText(/^Last 7 days: 3 attempts succeeded and 2 failed\./);
    expect(
      caption.closest('figure')?.querySelector('svg')?.closest('[aria-hidden]'),
    ).not.toBeNull();
    expect(caption).toHaveTextContent(/Most failures in one hour: 2, from \d\d:00 on/);
  });

  it('says when there were no attempts', async () => {
    const webhook = createMockWebhook();
    renderWithProviders(<WebhookHealthCard webhookId={webhook.id} />);
    expect(await screen.findAllByText('No attempts')).toHaveLength(2);
    expect(screen.getByText('No attempts in the last 7 days.')).toBeInTheDocument();
  });

  it('summarises the hours in a sentence', () => {
    const hour = (failed: number, succeeded = 0) => ({
      hour: '2026-11-26T14:00:00.000Z',
      succeeded,
      failed,
    });
    expect(hourlySummary([hour(0, 4), hour(3, 1)])).toMatch(
      /^Last 7 days: 5 attempts succeeded and 3 failed\. Most failures in one hour: 3, from \d\d:00 on 26 Nov 2026\. This hour so far: 1 succeeded, 3 failed\.$/,
    );
  });
});
