/**
 * Bulk retry jobs run by a real RetryJobRunner, started through the real API, delivered by a real worker
 * to a real receiver: the progress, completion without retrying anything twice, cancel, resuming after
 * a runner stops, and live deliveries flowing while thousands are re-queued. Who may start them, and
 * the count, are tested beside the routes (http/routes/retry-jobs).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { RetryJobListSchema, RetryJobSchema } from '@contract/retry-jobs';
import {
  readRetryJob,
  retryJobsPath,
  seedFailedDeliveries,
  startRetryJob,
  type SeedFailedOptions,
} from '../testing/retry-job-fixtures';
import { expectApiError } from '../testing/expect-api';
import {
  createDeliveryHarness,
  exampleEvent,
  type DeliveryHarness,
} from '../testing/delivery-harness';
import { eventually } from '../testing/receiver';
import { RetryJobRunner } from './retry-job-runner';
import { createLogger } from '../logger';
import { deliveries, deliveryAttempts, retryJobs } from '../db/schema';

let h: DeliveryHarness;
let runner: RetryJobRunner;
const silent = createLogger('silent');
const HOUR = 3_600_000;

beforeAll(async () => {
  h = await createDeliveryHarness({ concurrency: 64 });
  runner = new RetryJobRunner({ db: h.ctx.db, logger: silent, idlePollMs: 50 });
  runner.start();
});
afterAll(async () => {
  await runner.stop();
  await h.close();
});

const base = retryJobsPath;
const seedFailed = (webhookId: string, count: number, options?: SeedFailedOptions) =>
  seedFailedDeliveries(h, webhookId, count, options);
const start = (webhookId: string, since: Date, as = h.org.users.admin) =>
  startRetryJob(h, webhookId, since, as);
const job = (webhookId: string, id: string) => readRetryJob(h, webhookId, id);

const finished = (webhookId: string, id: string, timeoutMs = 20_000) =>
  eventually(
    async () => {
      const current = await job(webhookId, id);
      return current.status === 'running' ? undefined : current;
    },
    timeoutMs,
    `retry job ${id} to finish`,
  );

/** Attempts per delivery, for the given ids. */
async function attemptCounts(ids: string[]): Promise<Map<string, number>> {
  const rows = await h.ctx.db
    .select({ id: deliveryAttempts.deliveryId, n: sql<number>`count(*)::integer` })
    .from(deliveryAttempts)
    .where(inArray(deliveryAttempts.deliveryId, ids))
    .groupBy(deliveryAttempts.deliveryId);
  return new Map(rows.map((r) => [r.id, r.n]));
}

async function statuses(ids: string[]) {
  const rows = await h.ctx.db
    .select({ status: deliveries.status, n: sql<number>`count(*)::integer` })
    .from(deliveries)
    .where(inArray(deliveries.id, ids))
    .groupBy(deliveries.status);
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

describe('a job', () => {
  it('re-queues every counted delivery once, keeping its id, and completes with requeued = total', async () => {
    const endpoint = await h.createEndpoint('/jobs-progress');
    const since = new Date(Date.now() - HOUR);
    const ids = await seedFailed(endpoint.id, 35, { from: since, attemptCount: 1 });
    const started = await start(endpoint.id, since);
    expect(started).toMatchObject({
      webhookId: endpoint.id,
      since: since.toISOString(),
      status: 'running',
      total: 35,
      requeued: 0,
      finishedAt: null,
    });
    expect(started.createdBy).toMatch(/^Admin /);

    // Progress is visible while it runs.
    await eventually(
      async () => {
        const current = await job(endpoint.id, started.id);
        return current.requeued > 0 && current.requeued <= current.total;
      },
      10_000,
      'progress',
    );
    const done = await finished(endpoint.id, started.id);
    expect(done).toMatchObject({ status: 'completed', total: 35, requeued: 35 });
    expect(done.finishedAt).not.toBeNull();

    await eventually(async () => (await statuses(ids)).succeeded === 35, 10_000, 'deliveries');
    // Same ids on the wire: receivers deduplicate on webhook-id.
    const received = new Set(h.receiver.at('/jobs-progress').map((r) => r.headers['webhook-id']));
    expect(ids.every((id) => received.has(id))).toBe(true);

    const list = RetryJobListSchema.parse(
      (await h.ctx.request('GET', base(endpoint.id), { as: h.org.users.admin })).body,
    );
    expect(list.items.map((j) => j.id)).toEqual([started.id]);
  });

  it('does not retry twice what fails again, and leaves later failures alone', async () => {
    const endpoint = await h.createEndpoint('/jobs-still-failing');
    h.receiver.behave('/jobs-still-failing', () => ({ status: 500 }));
    const since = new Date(Date.now() - HOUR);
    const ids = await seedFailed(endpoint.id, 25, { from: since });
    const started = await start(endpoint.id, since);
    const done = await finished(endpoint.id, started.id);
    expect(done).toMatchObject({ status: 'completed', total: 25, requeued: 25 });
    await eventually(async () => (await statuses(ids)).failed === 25, 10_000, 'failed again');
    const counts = await attemptCounts(ids);
    expect([...counts.values()]).toEqual(Array.from({ length: 25 }, () => 1));
    // A second job counts them again (they failed before it began), and retries each once more.
    const again = await start(endpoint.id, since);
    expect(again.total).toBe(25);
    await finished(endpoint.id, again.id);
    await eventually(async () => (await statuses(ids)).failed === 25, 10_000, 'failed again');
    expect([...(await attemptCounts(ids)).values()]).toEqual(Array.from({ length: 25 }, () => 2));
  });

  it('stops at the next batch when cancelled; cancelling a finished job is a conflict', async () => {
    const endpoint = await h.createEndpoint('/jobs-cancel');
    // A slow receiver keeps the endpoint's queue long, so the job goes slowly.
    h.receiver.behave('/jobs-cancel', () => ({ delayMs: 150 }));
    const since = new Date(Date.now() - HOUR);
    const ids = await seedFailed(endpoint.id, 300, { from: since, attemptCount: 1 });
    const started = await start(endpoint.id, since);
    await eventually(
      async () => (await job(endpoint.id, started.id)).requeued >= 10,
      10_000,
      'a batch',
    );
    const response = await h.ctx.request('POST', `${base(endpoint.id)}/${started.id}/cancel`, {
      as: h.org.users.admin,
    });
    expect(response.status).toBe(200);
    const cancelled = RetryJobSchema.parse(response.body);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.finishedAt).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = await job(endpoint.id, started.id);
    expect(after).toMatchObject({ status: 'cancelled', requeued: cancelled.requeued });
    expect(after.requeued).toBeLessThan(300);
    // What was re-queued still goes; the rest stays failed.
    await eventually(
      async () => (await statuses(ids)).succeeded === after.requeued,
      20_000,
      'the re-queued ones',
    );
    expect((await statuses(ids)).failed).toBe(300 - after.requeued);

    expectApiError(
      await h.ctx.request('POST', `${base(endpoint.id)}/${started.id}/cancel`, {
        as: h.org.users.admin,
      }),
      409,
      'conflict',
    );
  });

  it('waits while its endpoint is disabled, and carries on once it is enabled again', async () => {
    const endpoint = await h.createEndpoint('/jobs-paused');
    h.receiver.behave('/jobs-paused', () => ({ delayMs: 100 }));
    const since = new Date(Date.now() - HOUR);
    await seedFailed(endpoint.id, 150, { from: since, attemptCount: 1 });
    const started = await start(endpoint.id, since);
    await eventually(
      async () => (await job(endpoint.id, started.id)).requeued >= 10,
      10_000,
      'a batch',
    );
    const admin = { as: h.org.users.admin };
    await h.ctx.request('POST', `/api/v1/webhooks/${endpoint.id}/disable`, admin);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const paused = await job(endpoint.id, started.id);
    await new Promise((resolve) => setTimeout(resolve, 700));
    expect(await job(endpoint.id, started.id)).toMatchObject({
      status: 'running',
      requeued: paused.requeued,
    });
    expect(paused.requeued).toBeLessThan(150);
    await h.ctx.request('POST', `/api/v1/webhooks/${endpoint.id}/enable`, admin);
    // Deliveries re-queued before the disable were skipped meanwhile; the job's own count goes on.
    expect(await finished(endpoint.id, started.id)).toMatchObject({
      status: 'completed',
      requeued: 150,
    });
  });

  it('resumes from its cursor when its runner stops and another takes over, re-queuing nothing twice', async () => {
    // The shared runner is paused so that these two do the work.
    await runner.stop();
    const endpoint = await h.createEndpoint('/jobs-resume');
    // Every attempt fails, so each delivery's attempts count how often it was re-queued.
    h.receiver.behave('/jobs-resume', () => ({ status: 500 }));
    const since = new Date(Date.now() - HOUR);
    const ids = await seedFailed(endpoint.id, 80, { from: since });
    const first = new RetryJobRunner({
      db: h.ctx.db,
      logger: silent,
      batchSize: 10,
      intervalMs: 50,
      leaseMs: 800,
    });
    const started = await start(endpoint.id, since);
    first.start();
    await eventually(
      async () => (await job(endpoint.id, started.id)).requeued >= 20,
      10_000,
      'progress',
    );
    // As if the process died: the lease is left to run out.
    await first.stop({ release: false });
    const midway = await job(endpoint.id, started.id);
    expect(midway.status).toBe('running');
    expect(midway.requeued).toBeLessThan(80);

    const second = new RetryJobRunner({ db: h.ctx.db, logger: silent, idlePollMs: 50 });
    second.start();
    try {
      const done = await finished(endpoint.id, started.id);
      expect(done).toMatchObject({ status: 'completed', total: 80, requeued: 80 });
      const [row] = await h.ctx.db.select().from(retryJobs).where(eq(retryJobs.id, started.id));
      expect(row?.leasedBy).toBeNull();
      await eventually(async () => (await statuses(ids)).failed === 80, 10_000, 'deliveries');
      const counts = await attemptCounts(ids);
      expect(counts.size).toBe(80);
      expect([...counts.values()].every((n) => n === 1)).toBe(true);
    } finally {
      await second.stop();
      runner.start();
    }
  });

  it('never starves live deliveries, to the same endpoint or another, while thousands are re-queued', async () => {
    const endpoint = await h.createEndpoint('/jobs-bulk');
    const neighbour = await h.createEndpoint('/jobs-neighbour');
    const since = new Date(Date.now() - HOUR);
    await seedFailed(endpoint.id, 3_000, { from: since });
    const sameAgent = await h.subscribe(0, endpoint.id);
    const otherAgent = await h.subscribe(1, neighbour.id);
    const started = await start(endpoint.id, since);
    await eventually(
      async () => (await job(endpoint.id, started.id)).requeued >= 50,
      10_000,
      'the job',
    );

    const latencies: { to: string; ms: number }[] = [];
    for (let i = 0; i < 6; i++) {
      for (const [agentId, path] of [
        [sameAgent, '/jobs-bulk'],
        [otherAgent, '/jobs-neighbour'],
      ] as const) {
        const callId = `call_live_${i}_${path.slice(1)}_${Date.now()}`;
        const sent = Date.now();
        const response = await h.ingest(exampleEvent(agentId, callId, 'pre-conversation'));
        const [id] = (response.body as { deliveryIds: string[] }).deliveryIds;
        await eventually(
          () => h.receiver.at(path).some((r) => r.headers['webhook-id'] === id),
          5_000,
          `live delivery to ${path}`,
        );
        latencies.push({ to: path, ms: Date.now() - sent });
      }
    }
    const during = await job(endpoint.id, started.id);
    // Still going: the live deliveries went out while the job was running, not after it.
    expect(during.status).toBe('running');
    expect(during.requeued).toBeLessThan(3_000);
    // Each arrived quickly; none waited behind the job's thousands.
    expect(Math.max(...latencies.map((l) => l.ms))).toBeLessThan(2_000);

    await h.ctx.request('POST', `${base(endpoint.id)}/${started.id}/cancel`, {
      as: h.org.users.admin,
    });
  });
});
