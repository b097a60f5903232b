import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext, type TestOrganisation } from '../testing/test-app';
import { findWebhook, insertWebhook } from '../db/queries/webhooks';
import { FAILING_DISABLE_AFTER_MS, recordEndpointHealth } from './endpoint-health';

let ctx: TestContext;
let org: TestOrganisation;
let counter = 0;

beforeAll(async () => {
  ctx = await createTestContext();
  org = await ctx.createOrganisation([]);
});
afterAll(async () => {
  await ctx.close();
});

async function endpoint() {
  return insertWebhook(
    ctx.db,
    {
      id: crypto.randomUUID(),
      organisationId: org.id,
      url: `https://health.example.com/${++counter}`,
      description: null,
      headers: {},
      secret: 'whsec_AAAA',
    },
    new Date(),
  );
}

describe('endpoint health', () => {
  it('disables an endpoint after five days of nothing but failures, with the reason', async () => {
    const webhook = await endpoint();
    const start = new Date('2026-11-01T00:00:00Z');
    expect(
      await recordEndpointHealth(ctx.db, webhook.id, { succeeded: false, gone: false, now: start }),
    ).toBeNull();
    const almost = new Date(start.getTime() + FAILING_DISABLE_AFTER_MS - 60_000);
    expect(
      await recordEndpointHealth(ctx.db, webhook.id, {
        succeeded: false,
        gone: false,
        now: almost,
      }),
    ).toBeNull();
    expect((await findWebhook(ctx.db, org.id, webhook.id))?.failingSince).toEqual(start);

    const fiveDays = new Date(start.getTime() + FAILING_DISABLE_AFTER_MS);
    const reason = await recordEndpointHealth(ctx.db, webhook.id, {
      succeeded: false,
      gone: false,
      now: fiveDays,
    });
    expect(reason).toBe('Disabled automatically: every delivery failed for 5 days');
    expect(await findWebhook(ctx.db, org.id, webhook.id)).toMatchObject({
      status: 'disabled',
      disabledReason: reason,
      disabledAt: fiveDays,
    });
  });

  it('a success in between starts the count again', async () => {
    const webhook = await endpoint();
    const start = new Date('2026-11-01T00:00:00Z');
    await recordEndpointHealth(ctx.db, webhook.id, { succeeded: false, gone: false, now: start });
    await recordEndpointHealth(ctx.db, webhook.id, {
      succeeded: true,
      gone: false,
      now: new Date(start.getTime() + 3_600_000),
    });
    expect((await findWebhook(ctx.db, org.id, webhook.id))?.failingSince).toBeNull();
    const later = new Date(start.getTime() + FAILING_DISABLE_AFTER_MS + 3_600_000);
    expect(
      await recordEndpointHealth(ctx.db, webhook.id, { succeeded: false, gone: false, now: later }),
    ).toBeNull();
    expect((await findWebhook(ctx.db, org.id, webhook.id))?.status).toBe('enabled');
  });
});
