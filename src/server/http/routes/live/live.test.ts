/**
 * GET /live against the real app, a real LiveHub listening on the test database, and a real worker: what
 * a stream says and when (nothing until something changes, a comment on the heartbeat), that each
 * organisation hears only of its own changes, from the API and from the worker, and that streams end
 * when their session ends and when the hub closes. Across separate API and worker processes on
 * PostgreSQL: src/server/separate-processes.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveChangeSchema, type LiveChange } from '@contract/live-updates';
import { createApp } from '../../create-app';
import { SESSION_COOKIE } from '../../middleware/session';
import { LiveHub } from '../../../db/live-changes';
import { deleteSessionsOfUser } from '../../../db/queries/sessions';
import { createLogger } from '../../../logger';
import { expectApiError } from '../../../testing/expect-api';
import { createDeliveryHarness, type DeliveryHarness } from '../../../testing/delivery-harness';
import { eventData, readEventStream } from '../../../testing/event-stream';
import { eventually } from '../../../testing/receiver';
import { APP_ORIGIN, type TestUser } from '../../../testing/test-app';

const HEARTBEAT_MS = 400;
let h: DeliveryHarness;
let hub: LiveHub;
let app: ReturnType<typeof createApp>;

beforeAll(async () => {
  h = await createDeliveryHarness();
  hub = await LiveHub.start(
    (channel, onNotify) => h.ctx.handle.listen(channel, onNotify),
    createLogger('silent'),
    { coalesceMs: 20, heartbeatMs: HEARTBEAT_MS },
  );
  app = createApp({ ...h.ctx.deps, live: hub });
});
afterAll(async () => {
  await hub.close();
  await h.close();
});

interface Stream {
  status: number;
  headers: Headers;
  /** Every block received so far (the text between blank lines). */
  blocks: string[];
  changes(): LiveChange[];
  ended(): boolean;
  close(): Promise<void>;
}

async function open(user: TestUser): Promise<Stream> {
  const response = await app.request('/api/v1/live', {
    headers: { cookie: `${SESSION_COOKIE}=${user.cookie}`, origin: APP_ORIGIN },
  });
  const blocks: string[] = [];
  const stream = readEventStream(response, (block) => blocks.push(block));
  return {
    status: response.status,
    headers: response.headers,
    blocks,
    changes: () =>
      blocks
        .filter((b) => b.startsWith('event: change\n'))
        .map((b) => LiveChangeSchema.parse(eventData(b))),
    ...stream,
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('GET /live', () => {
  it('is an event stream that says how soon to reconnect, then nothing but heartbeats while nothing changes', async () => {
    const stream = await open(h.org.users.viewer);
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
      expect(stream.headers.get('cache-control')).toBe('no-store');
      expect(stream.headers.get('x-accel-buffering')).toBe('no');
      await eventually(() => stream.blocks.length > 0, 2_000, 'the first block');
      expect(stream.blocks[0]).toBe('retry: 2000');
      await sleep(HEARTBEAT_MS * 2.5);
      expect(stream.blocks.slice(1).length).toBeGreaterThanOrEqual(2);
      expect(stream.blocks.slice(1).every((b) => b === ': keep-alive')).toBe(true);
      expect(stream.changes()).toEqual([]);
    } finally {
      await stream.close();
    }
  });

  it('tells an organisation of its own changes — from the API and from the worker — and no one else', async () => {
    const mine = await open(h.org.users.support);
    const other = await h.ctx.createOrganisation();
    const theirs = await open(other.users.admin);
    try {
      const endpoint = await h.createEndpoint('/live-test-event');
      const sent = await h.ctx.request('POST', `/api/v1/webhooks/${endpoint.id}/test`, {
        as: h.org.users.support,
        body: { eventType: 'pre-conversation' },
      });
      expect(sent.status).toBe(202);
      const { id, callId } = sent.body as { id: string; callId: string };
      // Queued (the API, on commit), then delivered (the worker, after recording the attempt).
      await eventually(
        () =>
          mine
            .changes()
            .some((c) => c.deliveries.some((d) => d.id === id && d.status === 'succeeded')),
        5_000,
        'the delivery to succeed on the stream',
      );
      const seen = mine.changes().flatMap((c) => c.deliveries.filter((d) => d.id === id));
      expect(seen[0]).toEqual({ id, webhookId: endpoint.id, callId, status: 'pending' });
      expect(seen.at(-1)?.status).toBe('succeeded');

      // The endpoint's status, when an admin disables it.
      await h.ctx.request('POST', `/api/v1/webhooks/${endpoint.id}/disable`, {
        as: h.org.users.admin,
      });
      await eventually(
        () =>
          mine
            .changes()
            .some((c) => c.webhooks.some((w) => w.id === endpoint.id && w.status === 'disabled')),
        5_000,
        'the endpoint disabled on the stream',
      );
      await sleep(200);
      expect(theirs.changes()).toEqual([]);
    } finally {
      await mine.close();
      await theirs.close();
    }
  });

  it('tells of an endpoint the worker disables after a 410, and of a retry job started', async () => {
    const stream = await open(h.org.users.admin);
    try {
      const endpoint = await h.createEndpoint('/live-gone');
      h.receiver.behave('/live-gone', () => ({ status: 410 }));
      await h.ctx.request('POST', `/api/v1/webhooks/${endpoint.id}/test`, {
        as: h.org.users.admin,
        body: { eventType: 'post-conversation' },
      });
      await eventually(
        () =>
          stream
            .changes()
            .some((c) => c.webhooks.some((w) => w.id === endpoint.id && w.status === 'disabled')),
        5_000,
        'the automatic disable on the stream',
      );

      const other = await h.createEndpoint('/live-jobs');
      const job = await h.ctx.request('POST', `/api/v1/webhooks/${other.id}/retry-jobs`, {
        as: h.org.users.admin,
        body: { since: new Date(Date.now() - 3_600_000).toISOString() },
      });
      expect(job.status).toBe(201);
      const { id } = job.body as { id: string };
      await eventually(
        () =>
          stream
            .changes()
            .some((c) => c.retryJobs.some((r) => r.id === id && r.webhookId === other.id)),
        5_000,
        'the retry job on the stream',
      );
    } finally {
      await stream.close();
    }
  });

  it('ends a stream at the next heartbeat once its session has ended', async () => {
    const user = await h.ctx.createUser(h.org.id, 'viewer', `live${Date.now()}`);
    const stream = await open(user);
    await eventually(() => stream.blocks.length > 0, 2_000, 'the stream to open');
    await deleteSessionsOfUser(h.ctx.db, user.id);
    await eventually(() => stream.ended(), HEARTBEAT_MS * 5, 'the stream to end');
  });

  it('ends every stream when the hub closes (shutdown), and refuses new ones', async () => {
    const ownHub = await LiveHub.start(
      (channel, onNotify) => h.ctx.handle.listen(channel, onNotify),
      createLogger('silent'),
    );
    const ownApp = createApp({ ...h.ctx.deps, live: ownHub });
    const response = await ownApp.request('/api/v1/live', {
      headers: { cookie: `${SESSION_COOKIE}=${h.org.users.viewer.cookie}` },
    });
    const reader = response.body?.getReader();
    expect(ownHub.size).toBe(1);
    await ownHub.close();
    // The first block, then the end.
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toBe('retry: 2000\n\n');
    expect((await reader?.read())?.done).toBe(true);
    expect(ownHub.size).toBe(0);
    expectApiError(
      await (async () => {
        const refused = await ownApp.request('/api/v1/live', {
          headers: { cookie: `${SESSION_COOKIE}=${h.org.users.viewer.cookie}` },
        });
        return { status: refused.status, headers: refused.headers, body: await refused.json() };
      })(),
      503,
      'internal',
    );
  });

  it('answers every role, and 401 without a session', async () => {
    for (const role of ['admin', 'support', 'viewer'] as const) {
      const stream = await open(h.org.users[role]);
      expect(stream.status).toBe(200);
      await stream.close();
    }
    const anonymous = await app.request('/api/v1/live');
    expect(anonymous.status).toBe(401);
  });
});
