/**
 * The delivery benchmark's scenario at a small size, as a reliability check: every event through the
 * real ingestion route, every delivery over real HTTP to a real receiver on loopback, one endpoint
 * failing each delivery's first attempt so that retries are part of it. Nothing may be lost, nothing
 * sent again once accepted, nothing out of order within a call and endpoint. No timing is asserted.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDeliveryHarness, type DeliveryHarness } from './testing/delivery-harness';
import { eventually, type ReceivedRequest } from './testing/receiver';
import {
  checkScenario,
  describeBody,
  scenarioEvents,
  type Reception,
} from './testing/bench-scenario';

const CALLS = 40;

describe('the benchmark scenario, small', () => {
  let h: DeliveryHarness;

  beforeEach(async () => {
    h = await createDeliveryHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('delivers every event once, in order per call and endpoint, through retries', async () => {
    const accepted = new Map<ReceivedRequest, boolean>();
    const paths = ['/e0', '/e1', '/flaky'];
    const agentIds: string[] = [];
    for (const [i, path] of paths.entries()) {
      const endpoint = await h.createEndpoint(path);
      agentIds.push(await h.subscribe(i, endpoint.id));
    }
    h.receiver.behave('/e0', (request) => (accepted.set(request, true), {}));
    h.receiver.behave('/e1', (request) => (accepted.set(request, true), {}));
    // Each delivery's first attempt fails: its retry, and everything behind it in its call, follows.
    const failedOnce = new Set<string>();
    h.receiver.behave('/flaky', (request) => {
      const id = String(request.headers['webhook-id']);
      const first = !failedOnce.has(id);
      failedOnce.add(id);
      accepted.set(request, !first);
      return first ? { status: 500 } : {};
    });

    const expected: string[] = [];
    for (const event of scenarioEvents(CALLS * 3, agentIds)) {
      const response = await h.ingest(event);
      expect(response.status).toBe(202);
      expected.push(...(response.body as { deliveryIds: string[] }).deliveryIds);
    }
    expect(expected).toHaveLength(CALLS * 3);

    const acceptedIds = () =>
      new Set(
        h.receiver.requests
          .filter((r) => accepted.get(r))
          .map((r) => String(r.headers['webhook-id'])),
      );
    await eventually(
      () => acceptedIds().size >= expected.length,
      60_000,
      'every delivery accepted',
    );

    const receptions: Reception[] = h.receiver.requests.map((r) => ({
      webhookId: String(r.headers['webhook-id']),
      endpoint: r.path,
      ...describeBody(r.body),
      accepted: accepted.get(r) ?? false,
    }));
    const check = checkScenario(expected, receptions);
    expect(check).toEqual({ lost: [], duplicates: [], reordered: [] });
    // The flaky endpoint's deliveries were each tried twice: the retries happened.
    const flakyIds = new Set(h.receiver.at('/flaky').map((r) => r.headers['webhook-id']));
    expect(flakyIds.size).toBeGreaterThan(0);
    expect(h.receiver.at('/flaky')).toHaveLength(2 * flakyIds.size);
  });
});

describe('checkScenario', () => {
  const r = (
    webhookId: string,
    eventType: Reception['eventType'],
    accepted = true,
    callId = 'c1',
  ): Reception => ({ webhookId, endpoint: '/e', callId, eventType, accepted });

  it('finds what was lost, sent again after acceptance, or accepted out of order', () => {
    const check = checkScenario(
      ['a', 'b', 'c', 'd'],
      [
        r('b', 'post-conversation'),
        r('a', 'pre-conversation', false),
        r('a', 'pre-conversation'),
        r('b', 'post-conversation'),
        r('x', 'pre-conversation', true, 'c2'),
        r('c', 'analytics-completed', true, 'c2'),
      ],
    );
    expect(check).toEqual({ lost: ['d'], duplicates: ['b'], reordered: ['/e c1'] });
  });

  it('counts a retry after a failed answer as neither a duplicate nor a reordering', () => {
    const check = checkScenario(
      ['a', 'b'],
      [r('a', 'pre-conversation', false), r('a', 'pre-conversation'), r('b', 'post-conversation')],
    );
    expect(check).toEqual({ lost: [], duplicates: [], reordered: [] });
  });
});
