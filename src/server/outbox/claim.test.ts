/**
 * The claim, statement by statement against a real database: organisations take turns and each stays
 * within its cap, whatever its backlog, while per-call order and the per-endpoint cap still hold.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../db/database';
import { newDeliveryId } from '../db/ids';
import { createTestDatabase } from '../testing/test-database';
import { generateWebhookSecret } from '../security/tokens';
import { claimDueDeliveries } from './claim';
import { insertDeliveries, type NewDelivery } from './enqueue';
import { insertOrganisation } from '../db/queries/organisations';
import { insertWebhook } from '../db/queries/webhooks';

let database: DatabaseHandle;
let counter = 0;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

async function organisationWithEndpoints(endpoints: number) {
  const organisation = await insertOrganisation(database.db, `Claim ${++counter}`);
  const webhooks: string[] = [];
  for (let i = 0; i < endpoints; i++) {
    const webhook = await insertWebhook(
      database.db,
      {
        id: crypto.randomUUID(),
        organisationId: organisation.id,
        url: `https://example.com/claim-${counter}-${i}`,
        description: null,
        headers: {},
        secret: generateWebhookSecret(),
      },
      new Date(),
    );
    webhooks.push(webhook.id);
  }
  return { id: organisation.id, webhooks };
}

/** Due deliveries, one call each unless `callId` says otherwise, due `agoMs` before `at`. */
function due(
  organisation: { id: string; webhooks: string[] },
  count: number,
  at: Date,
  extra: Partial<NewDelivery> & { agoMs?: number; endpoint?: number } = {},
): NewDelivery[] {
  const { agoMs = 1_000, endpoint, ...fields } = extra;
  return Array.from({ length: count }, (_, i) => {
    const id = newDeliveryId();
    return {
      id,
      organisationId: organisation.id,
      webhookId: organisation.webhooks[endpoint ?? i % organisation.webhooks.length] ?? '',
      callId: `call_${id}`,
      eventType: 'pre-conversation' as const,
      sequence: 0,
      body: '{}',
      status: 'pending' as const,
      // Older first, a millisecond apart, so that due order is insertion order.
      nextAttemptAt: new Date(at.getTime() - agoMs - (count - i)),
      ...fields,
    };
  });
}

function inFlight(
  organisation: { id: string; webhooks: string[] },
  count: number,
  at: Date,
  leaseExpiresAt = new Date(at.getTime() + 60_000),
): NewDelivery[] {
  return due(organisation, count, at).map((row) => ({
    ...row,
    status: 'delivering' as const,
    leaseExpiresAt,
    leasedBy: 'another-worker',
  }));
}

const claim = (at: Date, limit: number, caps: { perEndpoint?: number; perOrganisation?: number }) =>
  claimDueDeliveries(database.db, {
    workerId: 'claim-test',
    now: at,
    limit,
    perEndpoint: caps.perEndpoint ?? 8,
    perOrganisation: caps.perOrganisation ?? 32,
    leaseMs: 60_000,
  });

/** Each test's own moment, later than every earlier test's (and its leases). */
let clock = Date.now() + 3_600_000;
const moment = () => new Date((clock += 3_600_000));

// Whatever a test left due is claimed away, so that the next test's claims see only its own rows.
afterEach(async () => {
  const at = new Date(clock);
  for (;;) {
    const claimed = await claim(at, 100, { perEndpoint: 1_000, perOrganisation: 1_000 });
    if (claimed.length === 0) return;
  }
});

describe('claiming due deliveries', () => {
  it('takes organisations in turn: a long backlog does not come first', async () => {
    const at = moment();
    const busy = await organisationWithEndpoints(4);
    const quiet = await organisationWithEndpoints(1);
    await insertDeliveries(database.db, due(busy, 600, at, { agoMs: 60_000 }));
    const [theirs] = due(quiet, 1, at);
    await insertDeliveries(database.db, theirs ? [theirs] : []);

    const claimed = await claim(at, 2, {});
    expect(claimed.map((c) => c.delivery.id)).toContain(theirs?.id);
    expect(claimed).toHaveLength(2);
  });

  it('leaves out an organisation at its cap, whatever its backlog, and fills another’s room', async () => {
    const at = moment();
    const capped = await organisationWithEndpoints(4);
    const partly = await organisationWithEndpoints(4);
    const other = await organisationWithEndpoints(1);
    await insertDeliveries(database.db, [
      ...inFlight(capped, 3, at),
      ...due(capped, 500, at, { agoMs: 60_000 }),
      ...inFlight(partly, 1, at),
      ...due(partly, 10, at),
      // An expired lease holds no slot.
      ...inFlight(other, 2, at, new Date(at.getTime() - 1)),
      ...due(other, 5, at),
    ]);
    const claimed = await claim(at, 50, { perOrganisation: 3 });
    const webhooksOf = (organisation: { webhooks: string[] }) =>
      claimed.filter((c) => organisation.webhooks.includes(c.webhook.id)).length;
    expect(webhooksOf(capped)).toBe(0);
    expect(webhooksOf(partly)).toBe(2);
    expect(webhooksOf(other)).toBe(3);
    // At the cap now, for this worker and any other.
    expect(await claim(at, 50, { perOrganisation: 3 })).toHaveLength(0);
  });

  it('still holds a call’s later event behind the earlier one, and an endpoint to its cap', async () => {
    const at = moment();
    const organisation = await organisationWithEndpoints(1);
    const [start] = due(organisation, 1, at, { agoMs: 5_000, callId: 'call_ordered' });
    const [end] = due(organisation, 1, at, {
      agoMs: 10_000,
      callId: 'call_ordered',
      eventType: 'post-conversation',
      sequence: 1,
    });
    const others = due(organisation, 6, at);
    await insertDeliveries(database.db, [...(start && end ? [start, end] : []), ...others]);

    const first = (await claim(at, 50, { perEndpoint: 3 })).map((c) => c.delivery.id);
    expect(first).toHaveLength(3);
    expect(first).toContain(start?.id);
    expect(first).not.toContain(end?.id);
  });

  it('never hands one delivery to two claims at once', async () => {
    const at = moment();
    const organisations = await Promise.all([1, 2, 3].map(() => organisationWithEndpoints(3)));
    await insertDeliveries(
      database.db,
      organisations.flatMap((organisation) => due(organisation, 40, at)),
    );
    const claims = await Promise.all(
      Array.from({ length: 6 }, () => claim(at, 15, { perEndpoint: 100, perOrganisation: 100 })),
    );
    const ids = claims.flat().map((c) => c.delivery.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
