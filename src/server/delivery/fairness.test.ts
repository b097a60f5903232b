/**
 * Fairness between organisations: one organisation with a long backlog to slow endpoints holds at most
 * RINGPOST_MAX_IN_FLIGHT_PER_ORG attempts in flight, and another organisation's delivery goes out at
 * once rather than behind that backlog.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookDetailSchema } from '@contract/webhooks';
import {
  createDeliveryHarness,
  exampleEvent,
  type DeliveryHarness,
} from '../testing/delivery-harness';
import { eventually, startReceiver, type Receiver } from '../testing/receiver';
import type { TestOrganisation } from '../testing/test-app';

const CAP = 4;
const TARPIT_MS = 800;
/** Well past the claim's front window (a few hundred rows), so that a backlog alone could starve others. */
const BACKLOG_PER_AGENT = 120;

let h: DeliveryHarness;
let other: { org: TestOrganisation; receiver: Receiver; agentId: string; apiKey: string };

beforeAll(async () => {
  h = await createDeliveryHarness({ env: { RINGPOST_MAX_IN_FLIGHT_PER_ORG: String(CAP) } });
  for (let i = 0; i < h.org.agents.length; i++) {
    const endpoint = await h.createEndpoint(`/tarpit-${i}`);
    h.receiver.behave(`/tarpit-${i}`, () => ({ delayMs: TARPIT_MS }));
    await h.subscribe(i, endpoint.id);
  }

  const org = await h.ctx.createOrganisation(['Other Agent']);
  const receiver = await startReceiver();
  const webhook = WebhookDetailSchema.parse(
    (
      await h.ctx.request('POST', '/api/v1/webhooks', {
        as: org.users.admin,
        body: { url: receiver.url('/other') },
      })
    ).body,
  );
  const agentId = org.agents[0]?.id ?? '';
  await h.ctx.request('PUT', `/api/v1/agents/${agentId}/webhook-subscriptions`, {
    as: org.users.admin,
    body: { webhookId: webhook.id, eventTypes: ['pre-conversation'] },
  });
  const key = (await h.ctx.createApiKey(org, 'other')).key;
  other = { org, receiver, agentId, apiKey: key };
}, 60_000);

afterAll(async () => {
  await other.receiver.close();
  await h.close();
});

describe('fairness between organisations', () => {
  it('caps one organisation’s attempts in flight and does not make another wait behind its backlog', async () => {
    const events = h.org.agents.flatMap((agent, a) =>
      Array.from({ length: BACKLOG_PER_AGENT }, (_, i) =>
        exampleEvent(agent.id, `call_backlog_${a}_${i}_${Date.now()}`, 'pre-conversation'),
      ),
    );
    for (let i = 0; i < events.length; i += 30) {
      const responses = await Promise.all(events.slice(i, i + 30).map((event) => h.ingest(event)));
      expect(responses.every((r) => r.status === 202)).toBe(true);
    }
    await eventually(() => h.receiver.inFlight() >= CAP, 5_000, 'the backlog to be in flight');

    const sentAt = Date.now();
    const response = await h.ingest(
      exampleEvent(other.agentId, `call_other_${Date.now()}`, 'pre-conversation'),
      other.apiKey,
    );
    expect(response.status).toBe(202);
    const [received] = await eventually(
      () => (other.receiver.at('/other').length > 0 ? other.receiver.at('/other') : undefined),
      5_000,
      'the other organisation’s delivery',
    );
    expect((received?.receivedAt ?? Infinity) - sentAt).toBeLessThan(TARPIT_MS / 2);

    // A few rounds of the tarpit: the backlog keeps going, never more than CAP at a time.
    const before = h.receiver.requests.length;
    await new Promise((resolve) => setTimeout(resolve, TARPIT_MS * 3));
    expect(h.receiver.requests.length - before).toBeGreaterThanOrEqual(CAP * 2);
    expect(h.receiver.peakInFlight()).toBe(CAP);
  });
});
