/**
 * The bulk retry routes: the count, starting, listing, reading and cancelling jobs, and who may. No
 * runner runs here, so jobs stay as the API leaves them; running them is tested beside the runner
 * (delivery/retry-job-runner.test.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { RetryJobListSchema, RetryJobPreviewSchema, RetryJobSchema } from '@contract/retry-jobs';
import {
  readRetryJob,
  retryJobsPath,
  seedFailedDeliveries,
  startRetryJob,
  type SeedFailedOptions,
} from '../../../testing/retry-job-fixtures';
import { expectApiError } from '../../../testing/expect-api';
import { createDeliveryHarness, type DeliveryHarness } from '../../../testing/delivery-harness';
import { deliveries, retryJobs } from '../../../db/schema';

let h: DeliveryHarness;
const HOUR = 3_600_000;

beforeAll(async () => {
  h = await createDeliveryHarness();
});
afterAll(async () => {
  await h.close();
});

const base = retryJobsPath;
const seedFailed = (webhookId: string, count: number, options?: SeedFailedOptions) =>
  seedFailedDeliveries(h, webhookId, count, options);
const start = (webhookId: string, since: Date, as = h.org.users.admin) =>
  startRetryJob(h, webhookId, since, as);
const job = (webhookId: string, id: string) => readRetryJob(h, webhookId, id);

async function statuses(ids: string[]) {
  const rows = await h.ctx.db
    .select({ status: deliveries.status, n: sql<number>`count(*)::integer` })
    .from(deliveries)
    .where(inArray(deliveries.id, ids))
    .groupBy(deliveries.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

describe('the count', () => {
  it('previews the deliveries of this endpoint that failed at or after `since`, and nothing else', async () => {
    const endpoint = await h.createEndpoint('/jobs-preview');
    const other = await h.createEndpoint('/jobs-preview-other');
    const since = new Date(Date.now() - HOUR);
    await seedFailed(endpoint.id, 5, { from: since });
    // Created before `since` but failed after it (each fails a minute after it is created), as the
    // delivery whose failure began an outage is: "It started failing" must count it.
    await seedFailed(endpoint.id, 2, { from: new Date(since.getTime() - 30_000) });
    await seedFailed(endpoint.id, 3, { from: new Date(since.getTime() - HOUR) });
    await seedFailed(endpoint.id, 2, { from: since, status: 'succeeded' });
    await seedFailed(other.id, 4, { from: since });
    const response = await h.ctx.request(
      'GET',
      `${base(endpoint.id)}/preview?since=${encodeURIComponent(since.toISOString())}`,
      { as: h.org.users.admin },
    );
    expect(response.status).toBe(200);
    expect(RetryJobPreviewSchema.parse(response.body)).toEqual({ count: 7 });
    expectApiError(
      await h.ctx.request('GET', `${base(endpoint.id)}/preview?since=yesterday`, {
        as: h.org.users.admin,
      }),
      400,
      'validation_failed',
    );
  });
});

describe('jobs as the API keeps them', () => {
  it('start with the count as their total, list newest first (the last 20), and cancel once', async () => {
    const endpoint = await h.createEndpoint('/jobs-api');
    const since = new Date(Date.now() - HOUR);
    await seedFailed(endpoint.id, 12, { from: since });
    const first = await start(endpoint.id, since);
    expect(first).toMatchObject({
      webhookId: endpoint.id,
      since: since.toISOString(),
      status: 'running',
      total: 12,
      requeued: 0,
      createdBy: expect.stringMatching(/^Admin /) as string,
      finishedAt: null,
    });
    expect(await job(endpoint.id, first.id)).toEqual(first);

    const cancelled = await h.ctx.request('POST', `${base(endpoint.id)}/${first.id}/cancel`, {
      as: h.org.users.admin,
    });
    expect(cancelled.status).toBe(200);
    expect(RetryJobSchema.parse(cancelled.body)).toMatchObject({
      id: first.id,
      status: 'cancelled',
      finishedAt: expect.any(String) as string,
    });
    const again = expectApiError(
      await h.ctx.request('POST', `${base(endpoint.id)}/${first.id}/cancel`, {
        as: h.org.users.admin,
      }),
      409,
      'conflict',
    );
    expect(again.message).toMatch(/already been cancelled/);

    // A later `since` counts fewer (each failed a minute after it was created, a millisecond apart).
    const second = await start(endpoint.id, new Date(since.getTime() + 60_000 + 5));
    expect(second.total).toBe(7);
    await h.ctx.request('POST', `${base(endpoint.id)}/${second.id}/cancel`, {
      as: h.org.users.admin,
    });
    const ids = [second.id, first.id];
    for (let i = 0; i < 20; i++) {
      const next = await start(endpoint.id, since);
      await h.ctx.request('POST', `${base(endpoint.id)}/${next.id}/cancel`, {
        as: h.org.users.admin,
      });
      ids.unshift(next.id);
    }
    const list = RetryJobListSchema.parse(
      (await h.ctx.request('GET', base(endpoint.id), { as: h.org.users.admin })).body,
    );
    expect(list.items.map((j) => j.id)).toEqual(ids.slice(0, 20));
  });
});

describe('who may', () => {
  it('only admins: support and viewers get 403 on every route', async () => {
    const endpoint = await h.createEndpoint('/jobs-roles');
    const since = new Date(Date.now() - HOUR).toISOString();
    const started = await start(endpoint.id, new Date(since));
    const routes: [string, string, unknown?][] = [
      ['GET', `${base(endpoint.id)}/preview?since=${encodeURIComponent(since)}`],
      ['POST', base(endpoint.id), { since }],
      ['GET', base(endpoint.id)],
      ['GET', `${base(endpoint.id)}/${started.id}`],
      ['POST', `${base(endpoint.id)}/${started.id}/cancel`],
    ];
    for (const role of ['support', 'viewer'] as const) {
      for (const [method, path, body] of routes) {
        expectApiError(
          await h.ctx.request(method, path, { as: h.org.users[role], body }),
          403,
          'forbidden',
        );
      }
    }
    for (const [method, path, body] of routes)
      expectApiError(await h.ctx.request(method, path, { body }), 401, 'unauthenticated');
    expect((await job(endpoint.id, started.id)).status).not.toBe('cancelled');
  });

  it('another organisation’s endpoint or job is not found, and nothing changes', async () => {
    const endpoint = await h.createEndpoint('/jobs-isolation');
    const since = new Date(Date.now() - HOUR);
    const ids = await seedFailed(endpoint.id, 5, { from: since });
    const started = await start(endpoint.id, since);
    const other = await h.ctx.createOrganisation();
    const as = other.users.admin;
    const sinceQuery = encodeURIComponent(since.toISOString());
    for (const [method, path, body] of [
      ['GET', `${base(endpoint.id)}/preview?since=${sinceQuery}`],
      ['POST', base(endpoint.id), { since: since.toISOString() }],
      ['GET', base(endpoint.id)],
      ['GET', `${base(endpoint.id)}/${started.id}`],
      ['POST', `${base(endpoint.id)}/${started.id}/cancel`],
    ] as [string, string, unknown?][]) {
      expectApiError(await h.ctx.request(method, path, { as, body }), 404, 'not_found');
    }
    // Their own endpoint does not reach this job either.
    const theirs = await h.ctx.request('POST', '/api/v1/webhooks', {
      as,
      body: { url: h.receiver.url('/jobs-theirs') },
    });
    const theirId = (theirs.body as { id: string }).id;
    expectApiError(
      await h.ctx.request('GET', `${base(theirId)}/${started.id}`, { as }),
      404,
      'not_found',
    );
    const rows = await h.ctx.db
      .select({ n: sql<number>`count(*)::integer` })
      .from(retryJobs)
      .where(eq(retryJobs.webhookId, endpoint.id));
    expect(rows[0]?.n).toBe(1);
    expect(await job(endpoint.id, started.id)).toEqual(started);
    expect(await statuses(ids)).toEqual({ failed: 5 });
  });

  it('refuses a disabled endpoint (enable it first) and a second job while one runs', async () => {
    const endpoint = await h.createEndpoint('/jobs-conflicts');
    const since = new Date(Date.now() - HOUR);
    await seedFailed(endpoint.id, 200, { from: since });
    const started = await start(endpoint.id, since);
    const second = expectApiError(
      await h.ctx.request('POST', base(endpoint.id), {
        as: h.org.users.admin,
        body: { since: since.toISOString() },
      }),
      409,
      'conflict',
    );
    expect(second.message).toMatch(/already running/);
    await h.ctx.request('POST', `${base(endpoint.id)}/${started.id}/cancel`, {
      as: h.org.users.admin,
    });
    await h.ctx.request('POST', `/api/v1/webhooks/${endpoint.id}/disable`, {
      as: h.org.users.admin,
    });
    const disabled = expectApiError(
      await h.ctx.request('POST', base(endpoint.id), {
        as: h.org.users.admin,
        body: { since: since.toISOString() },
      }),
      409,
      'conflict',
    );
    expect(disabled.message).toMatch(/enable it first/);
    expectApiError(
      await h.ctx.request('GET', `${base(endpoint.id)}/${crypto.randomUUID()}`, {
        as: h.org.users.admin,
      }),
      404,
      'not_found',
    );
  });
});
