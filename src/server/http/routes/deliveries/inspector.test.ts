/**
 * The inspector's API over deliveries written straight to a real database (no worker, so nothing moves
 * under the test): every filter and the search box, keyset pages while rows arrive, waitingFor, the call
 * view, Redeliver's name, the refusals of Redeliver to another URL, every role and another
 * organisation's ids. Sending to a real receiver is in deliveries.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, sql, type SQL } from 'drizzle-orm';
import {
  CallViewSchema,
  DeliveryDetailSchema,
  DeliveryPageSchema,
  type DeliveryStatus,
  type DeliverySummary,
  type FailureCategory,
} from '@contract/deliveries';
import type { EventType } from '@contract/event-types';
import { WebhookDetailSchema } from '@contract/webhooks';
import { rowsOf } from '../../../db/database';
import { newDeliveryId } from '../../../db/ids';
import { EVENT_SEQUENCE, insertDeliveries, type NewDelivery } from '../../../outbox/enqueue';
import { deliveries, deliveryAttempts } from '../../../db/schema';
import { expectApiError } from '../../../testing/expect-api';
import {
  createTestContext,
  type TestContext,
  type TestOrganisation,
  type TestUser,
} from '../../../testing/test-app';

let ctx: TestContext;

beforeAll(async () => {
  ctx = await createTestContext({ env: { RINGPOST_ALLOWED_TARGETS: '127.0.0.0/8' } });
});
afterAll(async () => {
  await ctx.close();
});

/** An organisation with two endpoints (created through the API, so their secrets are sealed). */
async function world() {
  const org = await ctx.createOrganisation();
  const endpoint = async (path: string) => {
    const response = await ctx.request('POST', '/api/v1/webhooks', {
      as: org.users.admin,
      body: { url: `http://127.0.0.1:9/${path}` },
    });
    return WebhookDetailSchema.parse(response.body).id;
  };
  const endpoints = [await endpoint('first'), await endpoint('second')] as const;
  return { org, endpoints, agents: org.agents.map((a) => a.id) };
}

let clock = Date.parse('2026-03-01T10:00:00.000Z');

interface Spec {
  webhookId: string;
  agentId?: string | null;
  callId?: string;
  eventType?: EventType;
  status?: DeliveryStatus;
  category?: FailureCategory | null;
  createdAt?: Date;
  nextAttemptAt?: Date | null;
}

/** A delivery row, each a second newer than the last unless told when. */
function row(org: TestOrganisation, spec: Spec): NewDelivery {
  const createdAt = spec.createdAt ?? new Date((clock += 1_000));
  const id = newDeliveryId(createdAt.getTime());
  const eventType = spec.eventType ?? 'pre-conversation';
  const status = spec.status ?? 'succeeded';
  const finished = status === 'succeeded' || status === 'failed' || status === 'skipped';
  return {
    id,
    organisationId: org.id,
    webhookId: spec.webhookId,
    agentId: spec.agentId ?? null,
    callId: spec.callId ?? `call_${id.slice(-10).toLowerCase()}`,
    eventType,
    sequence: EVENT_SEQUENCE[eventType],
    body: JSON.stringify({ id }),
    status,
    attemptCount: status === 'pending' && !spec.category ? 0 : 1,
    lastErrorCategory: spec.category ?? null,
    lastError: spec.category ? `${spec.category}: it went wrong` : null,
    nextAttemptAt: spec.nextAttemptAt ?? (status === 'pending' ? createdAt : null),
    completedAt: finished ? createdAt : null,
    createdAt,
  };
}

async function store(rows: NewDelivery[]) {
  await insertDeliveries(ctx.db, rows);
  return rows;
}

async function page(query: string, as: TestUser) {
  const response = await ctx.request('GET', `/api/v1/deliveries?${query}`, { as });
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return DeliveryPageSchema.parse(response.body);
}

const newestFirst = (rows: NewDelivery[]) =>
  [...rows]
    .sort(
      (a, b) =>
        (b.createdAt?.getTime() ?? 0) - (a.createdAt?.getTime() ?? 0) ||
        (a.id < b.id ? 1 : a.id > b.id ? -1 : 0),
    )
    .map((d) => d.id);

describe('GET /api/v1/deliveries: filters and search', () => {
  it('applies each filter alone and together, newest first', async () => {
    const { org, endpoints, agents } = await world();
    const [first, second] = endpoints;
    const rows = await store([
      row(org, { webhookId: first, agentId: agents[0], callId: 'call_f1' }),
      row(org, {
        webhookId: first,
        agentId: agents[0],
        callId: 'call_f1',
        eventType: 'post-conversation',
        status: 'failed',
        category: 'http_status',
      }),
      row(org, { webhookId: second, agentId: agents[1], status: 'failed', category: 'timeout' }),
      row(org, { webhookId: second, agentId: agents[1], status: 'pending', category: 'timeout' }),
      row(org, { webhookId: first, agentId: agents[2], status: 'skipped' }),
      row(org, {
        webhookId: first,
        agentId: agents[2],
        eventType: 'analytics-completed',
        status: 'failed',
        category: 'http_status',
      }),
      row(org, { webhookId: second, agentId: null, status: 'failed', category: 'tls' }),
      row(org, { webhookId: first, agentId: agents[0], status: 'delivering' }),
      row(org, { webhookId: second, agentId: agents[1], eventType: 'post-conversation' }),
      row(org, { webhookId: first, agentId: agents[1], status: 'failed', category: 'dns' }),
    ]);
    const at = (i: number) => rows[i]?.createdAt?.toISOString() ?? '';
    const cases: [string, (d: NewDelivery) => boolean][] = [
      ['', () => true],
      ['status=failed', (d) => d.status === 'failed'],
      ['status=pending', (d) => d.status === 'pending'],
      ['eventType=post-conversation', (d) => d.eventType === 'post-conversation'],
      [`webhookId=${second}`, (d) => d.webhookId === second],
      [`agentId=${agents[1] ?? ''}`, (d) => d.agentId === agents[1]],
      ['callId=call_f1', (d) => d.callId === 'call_f1'],
      ['failureCategory=timeout', (d) => d.lastErrorCategory === 'timeout'],
      ['failureCategory=http_status', (d) => d.lastErrorCategory === 'http_status'],
      ['failureCategory=connect', () => false],
      [
        `from=${at(2)}&to=${at(6)}`,
        (d) =>
          (d.createdAt ?? new Date(0)) >= new Date(at(2)) && (d.createdAt ?? 0) < new Date(at(6)),
      ],
      [`from=${at(7)}`, (d) => (d.createdAt ?? new Date(0)) >= new Date(at(7))],
      [`to=${at(1)}`, (d) => (d.createdAt ?? new Date(0)) < new Date(at(1))],
      [
        `webhookId=${first}&status=failed&failureCategory=http_status`,
        (d) =>
          d.webhookId === first && d.status === 'failed' && d.lastErrorCategory === 'http_status',
      ],
      [
        `agentId=${agents[1] ?? ''}&eventType=pre-conversation&status=failed`,
        (d) =>
          d.agentId === agents[1] && d.eventType === 'pre-conversation' && d.status === 'failed',
      ],
    ];
    for (const [query, keep] of cases) {
      const result = await page(`${query}&limit=100`, org.users.viewer);
      expect({ query, ids: result.items.map((d) => d.id) }).toEqual({
        query,
        ids: newestFirst(rows.filter(keep)),
      });
      expect(result.nextCursor).toBeNull();
    }
    // The contract's extremes (year 0, an offset past year 9999) are bounds like any other.
    for (const query of [
      'from=0000-01-01T00:00:00Z',
      'to=9999-12-31T23:59:59-14:00',
      'from=0001-01-01T00:00:00%2B14:00&to=9999-12-31T23:59:59.999Z',
    ]) {
      expect((await page(`${query}&limit=100`, org.users.viewer)).items).toHaveLength(rows.length);
    }
    expect((await page('to=0000-01-01T00:00:00Z', org.users.viewer)).items).toEqual([]);
    const failed = (await page(`failureCategory=tls`, org.users.viewer)).items[0];
    expect(failed).toMatchObject({
      webhookId: second,
      webhookUrl: 'http://127.0.0.1:9/second',
      agentId: null,
      agentName: null,
      status: 'failed',
      lastErrorCategory: 'tls',
      waitingFor: null,
    });
  });

  it('q finds a delivery by its id — the webhook-id receivers log — and a call by its id, exactly', async () => {
    const { org, endpoints, agents } = await world();
    const [first, second] = endpoints;
    const rows = await store([
      row(org, { webhookId: first, agentId: agents[0], callId: 'call-Search.1:a' }),
      row(org, {
        webhookId: second,
        agentId: agents[0],
        callId: 'call-Search.1:a',
        eventType: 'post-conversation',
      }),
      row(org, { webhookId: first, agentId: agents[0], callId: 'call-Search.1:ab' }),
    ]);
    const [one, two] = rows;
    const ids = async (q: string, extra = '') =>
      (await page(`q=${encodeURIComponent(q)}${extra}`, org.users.support)).items.map((d) => d.id);

    expect(await ids(one?.id ?? '')).toEqual([one?.id]);
    expect(await ids(`  ${two?.id ?? ''} `)).toEqual([two?.id]);
    expect(await ids('call-Search.1:a')).toEqual(newestFirst(rows.slice(0, 2)));
    // Exact, not a prefix, and case matters (call ids are the platform's, taken as they are).
    expect(await ids('call-Search.1')).toEqual([]);
    expect(await ids('CALL-SEARCH.1:A')).toEqual([]);
    // Not a delivery id (lower case), so taken as a call id: nothing.
    expect(await ids((one?.id ?? '').toLowerCase())).toEqual([]);
    expect(await ids('no such thing at all')).toEqual([]);
    // Alongside the other filters.
    expect(await ids('call-Search.1:a', `&webhookId=${second}`)).toEqual([two?.id]);
    expect(await ids(one?.id ?? '', `&webhookId=${second}`)).toEqual([]);

    // Another organisation's ids find nothing.
    const stranger = await ctx.createOrganisation([]);
    expect((await page(`q=${one?.id ?? ''}`, stranger.users.admin)).items).toEqual([]);
    expect((await page('q=call-Search.1:a', stranger.users.admin)).items).toEqual([]);
  });

  it('pages by keyset without gaps or repeats while newer rows arrive, to the microsecond', async () => {
    const { org, endpoints } = await world();
    const [first, second] = endpoints;
    const original = await store(
      Array.from({ length: 23 }, (_, i) => row(org, { webhookId: i % 3 ? first : second })),
    );
    // Five rows within one millisecond, microseconds apart (as PostgreSQL's now() writes them), across
    // a page boundary: a cursor cut to the millisecond would skip some of them.
    const sameMillisecond = await store(
      Array.from({ length: 5 }, () =>
        row(org, { webhookId: first, createdAt: new Date(clock + 500) }),
      ),
    );
    for (const [i, d] of sameMillisecond.entries()) {
      await ctx.db
        .update(deliveries)
        .set({
          createdAt: sql`${deliveries.createdAt} + ${`${(i + 1) * 100} microseconds`}::interval`,
        })
        .where(eq(deliveries.id, d.id));
    }
    clock += 1_000;
    const sameMillisecondOrder = await idsInOrder(
      sql`id in (${sql.join(
        sameMillisecond.map((d) => sql`${d.id}`),
        sql`, `,
      )})`,
    );
    const expected = [...sameMillisecondOrder, ...newestFirst(original)];

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    const arrived: string[] = [];
    do {
      const result: Awaited<ReturnType<typeof page>> = await page(
        `limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        org.users.viewer,
      );
      seen.push(...result.items.map((d) => d.id));
      cursor = result.nextCursor;
      pages++;
      // Newer deliveries arrive between the pages, on both endpoints.
      const fresh = await store([row(org, { webhookId: first }), row(org, { webhookId: second })]);
      arrived.push(...fresh.map((d) => d.id));
    } while (cursor);
    expect(pages).toBe(Math.ceil(expected.length / 3));
    expect(seen).toEqual(expected);
    expect(seen.some((id) => arrived.includes(id))).toBe(false);

    // The same walk within one endpoint's index, with rows still arriving.
    const truth = await idsInOrder(sql`webhook_id = ${first}`);
    const walked: string[] = [];
    cursor = null;
    do {
      const result: Awaited<ReturnType<typeof page>> = await page(
        `webhookId=${first}&limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        org.users.viewer,
      );
      walked.push(...result.items.map((d) => d.id));
      cursor = result.nextCursor;
      await store([row(org, { webhookId: first })]);
    } while (cursor);
    expect(walked).toEqual(truth);
  });

  it.each([
    ['a forged cursor', 'cursor=bm90LWEtY3Vyc29y', 'cursor'],
    [
      'a cursor with a calendar date that does not exist',
      `cursor=${cursorOf('2026-02-30T10:00:00.000Z')}`,
      'cursor',
    ],
    ['a cursor with a date in another form', `cursor=${cursorOf('March 1, 2026')}`, 'cursor'],
    [
      'a cursor whose id is not a delivery id',
      `cursor=${cursorOf('2026-03-01T10:00:00.000Z', 'msg_x')}`,
      'cursor',
    ],
    [
      'a cursor of the wrong shape',
      `cursor=${Buffer.from('[1,2]').toString('base64url')}`,
      'cursor',
    ],
    ['a cursor with characters no cursor has', 'cursor=abc%24', 'cursor'],
    ['an overlong cursor', `cursor=${'a'.repeat(201)}`, 'cursor'],
    ['an unknown failure category', 'failureCategory=slow', 'failureCategory'],
    ['an unknown status', 'status=lost', 'status'],
    ['a from that is not an instant', 'from=yesterday', 'from'],
    ['a to that is not an instant', 'to=2026-13-01T00:00:00Z', 'to'],
    [
      'a time range whose end is its start',
      'from=2026-03-01T00:00:00Z&to=2026-03-01T00:00:00Z',
      'to',
    ],
    [
      'a time range whose end comes first',
      'from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z',
      'to',
    ],
    ['an empty search', 'q=%20%20', 'q'],
    ['an overlong search', `q=${'c'.repeat(201)}`, 'q'],
    ['a search holding NUL', 'q=call%00x', 'q'],
    ['a malformed agentId', 'agentId=agent-1', 'agentId'],
    ['a malformed callId', 'callId=call%20one', 'callId'],
  ])('refuses %s with 400 naming the parameter', async (_name, query, field) => {
    const org = await ctx.createOrganisation([]);
    const error = expectApiError(
      await ctx.request('GET', `/api/v1/deliveries?${query}`, { as: org.users.viewer }),
      400,
      'validation_failed',
    );
    expect(Object.keys(error.fields ?? {})).toContain(field);
  });
});

/** Ids in the database's own newest-first order (microseconds included). */
async function idsInOrder(where: SQL): Promise<string[]> {
  const result = await ctx.db.execute(
    sql`select id from deliveries where ${where} order by created_at desc, id desc`,
  );
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

function cursorOf(at: string, id = newDeliveryId(Date.parse('2026-03-01T10:00:00Z'))) {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

describe('waitingFor', () => {
  it('names the earlier unfinished delivery of the lane, in the list, the detail and the call view', async () => {
    const { org, endpoints, agents } = await world();
    const [first, second] = endpoints;
    const later = new Date(Date.now() + 3_600_000);
    const call = 'call_waiting_1';
    // Start keeps failing (pending, retried later); End and Analytics wait behind it, in turn.
    const [start, end, analytics, elsewhere, done] = await store([
      row(org, {
        webhookId: first,
        agentId: agents[0],
        callId: call,
        status: 'pending',
        category: 'http_status',
        nextAttemptAt: later,
      }),
      row(org, {
        webhookId: first,
        agentId: agents[0],
        callId: call,
        eventType: 'post-conversation',
        status: 'pending',
      }),
      row(org, {
        webhookId: first,
        agentId: agents[0],
        callId: call,
        eventType: 'analytics-completed',
        status: 'pending',
      }),
      // Another endpoint's lane of the same call does not wait for this one.
      row(org, {
        webhookId: second,
        agentId: agents[0],
        callId: call,
        eventType: 'post-conversation',
        status: 'pending',
      }),
      // Nor does a delivery whose earlier ones are finished.
      row(org, {
        webhookId: second,
        agentId: agents[1],
        callId: 'call_waiting_2',
        eventType: 'post-conversation',
        status: 'pending',
      }),
    ]);
    await store([
      row(org, {
        webhookId: second,
        agentId: agents[1],
        callId: 'call_waiting_2',
        createdAt: new Date(clock - 60_000),
      }),
    ]);
    const expectedWaits = new Map([
      [start?.id, null],
      [end?.id, { id: start?.id, eventType: 'pre-conversation', status: 'pending' }],
      [analytics?.id, { id: end?.id, eventType: 'post-conversation', status: 'pending' }],
      [elsewhere?.id, null],
      [done?.id, null],
    ]);
    const listed = (await page('status=pending&limit=100', org.users.viewer)).items;
    expect(new Map(listed.map((d) => [d.id, d.waitingFor]))).toEqual(expectedWaits);

    const detail = DeliveryDetailSchema.parse(
      (
        await ctx.request('GET', `/api/v1/deliveries/${analytics?.id ?? ''}`, {
          as: org.users.viewer,
        })
      ).body,
    );
    expect(detail.waitingFor).toEqual(expectedWaits.get(analytics?.id));
    const view = CallViewSchema.parse(
      (await ctx.request('GET', `/api/v1/calls/${call}`, { as: org.users.viewer })).body,
    );
    expect(view.deliveries.map((d) => [d.id, d.waitingFor?.id ?? null])).toEqual([
      [start?.id, null],
      [end?.id, start?.id],
      [analytics?.id, end?.id],
      [elsewhere?.id, null],
    ]);

    // While Start is in flight, End still waits for it; once it has succeeded, nothing waits.
    await ctx.db
      .update(deliveries)
      .set({ status: 'delivering' })
      .where(eq(deliveries.id, start?.id ?? ''));
    const inFlight = await findSummary(org, end?.id ?? '');
    expect(inFlight.waitingFor).toEqual({
      id: start?.id,
      eventType: 'pre-conversation',
      status: 'delivering',
    });
    await ctx.db
      .update(deliveries)
      .set({ status: 'succeeded' })
      .where(eq(deliveries.id, start?.id ?? ''));
    expect((await findSummary(org, end?.id ?? '')).waitingFor).toBeNull();
    expect((await findSummary(org, analytics?.id ?? '')).waitingFor?.id).toBe(end?.id);
  });
});

async function findSummary(org: TestOrganisation, id: string): Promise<DeliverySummary> {
  const response = await ctx.request('GET', `/api/v1/deliveries/${id}`, { as: org.users.viewer });
  return DeliveryDetailSchema.parse(response.body);
}

describe('GET /api/v1/calls/{callId}', () => {
  it('shows every delivery of the call, by endpoint and then Start → End → Analytics, to every role', async () => {
    const { org, endpoints, agents } = await world();
    const [first, second] = endpoints;
    const call = 'call_view_1';
    // Stored out of order: the view orders them.
    const rows = await store([
      row(org, {
        webhookId: second,
        agentId: agents[2],
        callId: call,
        eventType: 'analytics-completed',
      }),
      row(org, {
        webhookId: first,
        agentId: agents[2],
        callId: call,
        eventType: 'post-conversation',
      }),
      row(org, {
        webhookId: second,
        agentId: agents[2],
        callId: call,
        eventType: 'pre-conversation',
      }),
      row(org, {
        webhookId: first,
        agentId: agents[2],
        callId: call,
        eventType: 'pre-conversation',
      }),
      row(org, { webhookId: first, agentId: agents[2], callId: 'call_view_other' }),
    ]);
    for (const role of ['viewer', 'support', 'admin'] as const) {
      const response = await ctx.request('GET', `/api/v1/calls/${call}`, { as: org.users[role] });
      expect(response.status).toBe(200);
      const view = CallViewSchema.parse(response.body);
      expect(view).toMatchObject({ callId: call, agentId: agents[2], agentName: 'Gamma Agent' });
      // http://127.0.0.1:9/first sorts before …/second.
      expect(view.deliveries.map((d) => [d.webhookId, d.eventType])).toEqual([
        [first, 'pre-conversation'],
        [first, 'post-conversation'],
        [second, 'pre-conversation'],
        [second, 'analytics-completed'],
      ]);
      expect(view.deliveries.map((d) => d.id).sort()).toEqual(
        rows
          .slice(0, 4)
          .map((d) => d.id)
          .sort(),
      );
    }
  });

  it('answers 404 for a call with no deliveries here, and 400 for what cannot be a call id', async () => {
    const { org, endpoints } = await world();
    await store([row(org, { webhookId: endpoints[0], callId: 'call_mine' })]);
    const stranger = await ctx.createOrganisation([]);
    await ctx.expectRefused(
      'GET',
      '/api/v1/calls/call_mine',
      { as: stranger.users.viewer },
      404,
      'not_found',
    );
    await ctx.expectRefused(
      'GET',
      '/api/v1/calls/call_nobody',
      { as: org.users.viewer },
      404,
      'not_found',
    );
    await ctx.expectRefused(
      'GET',
      '/api/v1/calls/call%20mine',
      { as: org.users.viewer },
      400,
      'validation_failed',
    );
    await ctx.expectRefused(
      'GET',
      `/api/v1/calls/${'c'.repeat(300)}`,
      { as: org.users.viewer },
      400,
      'validation_failed',
    );
    await ctx.expectRefused('GET', '/api/v1/calls/call_mine', {}, 401, 'unauthenticated');
  });

  it('is in the OpenAPI document with the new delivery operations', async () => {
    const doc = (await ctx.request('GET', '/api/openapi.json')).body as {
      paths: Record<string, Record<string, unknown>>;
    };
    expect(Object.keys(doc.paths['/api/v1/calls/{callId}'] ?? {})).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/v1/deliveries/{id}/redeliver-to-url'] ?? {})).toEqual([
      'post',
    ]);
  });
});

/** The delivery's own state and its attempts: what a refused request must leave as it was. */
async function deliveryState(id: string) {
  const [delivery] = await ctx.db.select().from(deliveries).where(eq(deliveries.id, id));
  const attempts = await ctx.db
    .select()
    .from(deliveryAttempts)
    .where(eq(deliveryAttempts.deliveryId, id));
  return JSON.stringify({ delivery, attempts });
}

describe('POST /api/v1/deliveries/{id}/redeliver', () => {
  it('leaves the name of the person who asked on the delivery, for the worker to record; support and admin only', async () => {
    const { org, endpoints } = await world();
    const [failed] = await store([
      row(org, { webhookId: endpoints[0], status: 'failed', category: 'timeout' }),
    ]);
    const id = failed?.id ?? '';
    const before = await deliveryState(id);
    await ctx.expectRefused(
      'POST',
      `/api/v1/deliveries/${id}/redeliver`,
      { as: org.users.viewer },
      403,
      'forbidden',
    );
    const stranger = await ctx.createOrganisation([]);
    await ctx.expectRefused(
      'POST',
      `/api/v1/deliveries/${id}/redeliver`,
      { as: stranger.users.admin },
      404,
      'not_found',
    );
    expect(await deliveryState(id)).toBe(before);

    for (const role of ['support', 'admin'] as const) {
      const response = await ctx.request('POST', `/api/v1/deliveries/${id}/redeliver`, {
        as: org.users[role],
      });
      expect(response.status).toBe(202);
      const [stored] = await ctx.db.select().from(deliveries).where(eq(deliveries.id, id));
      expect(stored).toMatchObject({ status: 'pending', completedAt: null });
      expect(stored?.manualAttemptBy).toMatch(
        new RegExp(`^${role[0]?.toUpperCase() ?? ''}${role.slice(1)} org`),
      );
    }
  });
});

describe('POST /api/v1/deliveries/{id}/redeliver-to-url: refusals', () => {
  it('refuses viewers, other organisations, blocked and malformed URLs, recording nothing', async () => {
    const { org, endpoints } = await world();
    const [delivery] = await store([
      row(org, { webhookId: endpoints[0], status: 'failed', category: 'http_status' }),
    ]);
    const id = delivery?.id ?? '';
    const path = `/api/v1/deliveries/${id}/redeliver-to-url`;
    const before = await deliveryState(id);
    const stranger = await ctx.createOrganisation([]);

    await ctx.expectRefused(
      'POST',
      path,
      { as: org.users.viewer, body: { url: 'https://example.com/x' } },
      403,
      'forbidden',
    );
    await ctx.expectRefused(
      'POST',
      path,
      { body: { url: 'https://example.com/x' } },
      401,
      'unauthenticated',
    );
    await ctx.expectRefused(
      'POST',
      path,
      { as: stranger.users.admin, body: { url: 'http://127.0.0.1:9/x' } },
      404,
      'not_found',
    );
    await ctx.expectRefused(
      'POST',
      `/api/v1/deliveries/${newDeliveryId()}/redeliver-to-url`,
      { as: org.users.admin, body: { url: 'http://127.0.0.1:9/x' } },
      404,
      'not_found',
    );
    for (const url of [
      'https://10.1.2.3/hook', // private
      'https://169.254.169.254/latest/meta-data', // cloud metadata
      'http://203.0.113.9/hook', // reserved for documentation, and plain http
      'https://[::ffff:10.0.0.1]/hook',
    ]) {
      const error = await ctx.expectRefused(
        'POST',
        path,
        { as: org.users.support, body: { url } },
        400,
        'validation_failed',
      );
      expect(Object.keys(error.fields ?? {})).toEqual(['url']);
    }
    for (const body of [
      {},
      { url: 'ftp://example.com/x' },
      { url: 'https://user:pass@example.com/x' },
      { url: 'https://example.com/x', method: 'PUT' },
    ]) {
      await ctx.expectRefused(
        'POST',
        path,
        { as: org.users.admin, body },
        400,
        'validation_failed',
      );
    }
    expect(await deliveryState(id)).toBe(before);
  });
});
