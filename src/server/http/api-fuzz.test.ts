/**
 * Property-based fuzzing of every request the API accepts from outside, through the real app on a real
 * database. For every generated request, whatever it holds:
 *   - the answer is a 2xx, or a 4xx in the one error envelope, never a 5xx;
 *   - a 4xx changed nothing (the hostile organisation's rows are the same before and after);
 *   - another organisation's valid event, sent in the same moment, is accepted and stored, and its other
 *     rows never change, not even when the hostile request names them;
 * and at the end the app still answers /readyz and logged no error.
 *
 * Bounded by time rather than by a fixed seed: each route gets a slice of FUZZ_BUDGET_MS (and at most
 * MAX_RUNS cases), so that the suite stays well under a minute and a half per database on a small machine.
 */
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiErrorSchema } from '@contract/errors';
import { EVENT_TYPES, type EventType } from '@contract/event-types';
import { IngestEventResponseSchema } from '@contract/deliveries';
import { WebhookDetailSchema } from '@contract/webhooks';
import { rowsOf } from '../db/database';
import { createLogger } from '../logger';
import { UrlGuard } from '../security/url-guard';
import { exampleEvent } from '../testing/delivery-harness';
import {
  applyMutations,
  encodeComponent,
  hostileComponent,
  hostileKey,
  hostileRawBody,
  hostileValue,
  mutation,
  toJsonText,
  type Mutation,
} from '../testing/hostile-input';
import {
  createTestContext,
  type RequestOptions,
  type TestContext,
  type TestOrganisation,
} from '../testing/test-app';

const FUZZ_BUDGET_MS = Number(process.env.FUZZ_BUDGET_MS ?? 36_000);
const MAX_RUNS = 400;
const DATABASE = process.env.RINGPOST_TEST_DB === 'postgres' ? 'PostgreSQL' : 'embedded PGlite';

interface Sent {
  method: string;
  path: string;
  options: RequestOptions;
  /** The request names another organisation's resource: it must be refused. */
  foreign?: boolean;
}

interface Problem {
  route: string;
  problem: string;
  status: number;
  request: string;
  answer: string;
}

let ctx: TestContext;
let hostile: TestOrganisation;
let innocent: TestOrganisation;
let hostileKeyValue: string;
let innocentKeyValue: string;
let hostileWebhookId: string;
let innocentWebhookId: string;
let innocentApiKeyId: string;
const logLines: string[] = [];
const problems: Problem[] = [];
const innocentCallIds: string[] = [];
const casesPerRoute = new Map<string, number>();
const statusCounts = new Map<number, number>();
let fiveHundreds = 0;
let started = 0;
let counter = 0;

const unique = (tag: string) => `${tag}_${Date.now().toString(36)}_${++counter}`;
const admin = () => ({ as: hostile.users.admin });

/**
 * One digest per organisation of every row it owns, computed in the database in one round trip. Left out
 * on purpose: the keys' last use and the sessions' expiry (bookkeeping a refused request may update),
 * sign-in attempts (recorded for throttling, refused or not) and the innocent organisation's events
 * (it sends one with every case).
 */
async function fingerprints(): Promise<{ hostile: string; innocent: string }> {
  const digest = (organisationId: string, withEvents: boolean) => sql`md5(concat_ws('|',
    (select string_agg(to_jsonb(t)::text, ',' order by t.id) from organisations t where t.id = ${organisationId}),
    (select string_agg(to_jsonb(t)::text, ',' order by t.id) from users t where t.organisation_id = ${organisationId}),
    (select string_agg((to_jsonb(t) - 'expires_at')::text, ',' order by t.id) from sessions t
       join users u on u.id = t.user_id where u.organisation_id = ${organisationId}),
    (select string_agg(to_jsonb(t)::text, ',' order by t.id) from agents t where t.organisation_id = ${organisationId}),
    (select string_agg(to_jsonb(t)::text, ',' order by t.id) from webhooks t where t.organisation_id = ${organisationId}),
    (select string_agg(to_jsonb(t)::text, ',' order by t.agent_id) from agent_webhooks t where t.organisation_id = ${organisationId}),
    (select string_agg((to_jsonb(t) - 'last_used_at')::text, ',' order by t.id) from api_keys t where t.organisation_id = ${organisationId}),
    ${
      withEvents
        ? sql`(select string_agg(to_jsonb(t)::text, ',' order by t.id) from events t where t.organisation_id = ${organisationId}),`
        : sql``
    }
    (select string_agg(to_jsonb(t)::text, ',' order by t.id) from deliveries t where t.organisation_id = ${organisationId}),
    (select string_agg(to_jsonb(a)::text, ',' order by a.id) from delivery_attempts a
       join deliveries d on d.id = a.delivery_id where d.organisation_id = ${organisationId})
  ))`;
  const result = await ctx.db.execute(
    sql`select ${digest(hostile.id, true)} as hostile, ${digest(innocent.id, false)} as innocent`,
  );
  const [row] = rowsOf<{ hostile: string; innocent: string }>(result);
  if (!row) throw new Error('no fingerprint');
  return row;
}

function ingestInnocent() {
  const callId = unique('innocent');
  innocentCallIds.push(callId);
  return ctx.request('POST', '/api/v1/events', {
    body: exampleEvent(innocent.agents[0]?.id ?? '', callId, 'pre-conversation'),
    headers: { authorization: `Bearer ${innocentKeyValue}` },
    origin: null,
  });
}

function describeRequest(sent: Sent): string {
  const body = sent.options.rawBody ?? '';
  const shown = body.length > 400 ? `${body.slice(0, 400)}… (${body.length} chars)` : body;
  return JSON.stringify(`${sent.method} ${sent.path.slice(0, 300)} ${shown}`);
}

let innocentBaseline = '';
let latest: { hostile: string; innocent: string } | undefined;

/** Sends one hostile request beside one innocent event and checks every property; never throws. */
async function runCase(route: string, sent: Sent): Promise<void> {
  casesPerRoute.set(route, (casesPerRoute.get(route) ?? 0) + 1);
  const before = latest ?? (await fingerprints());
  const [answer, innocentAnswer] = await Promise.all([
    ctx.request(sent.method, sent.path, sent.options),
    ingestInnocent(),
  ]);
  const after = await fingerprints();
  latest = after;
  statusCounts.set(answer.status, (statusCounts.get(answer.status) ?? 0) + 1);

  const found: string[] = [];
  if (answer.status >= 500) {
    fiveHundreds++;
    found.push('a 5xx');
  } else if (answer.status >= 400) {
    if (!ApiErrorSchema.safeParse(answer.body).success)
      found.push('a 4xx outside the error envelope');
    if (after.hostile !== before.hostile) found.push('a 4xx that changed the database');
  } else if (answer.status < 200 || answer.status >= 300) {
    found.push(`an unexpected status`);
  } else if (sent.foreign) {
    found.push('another organisation’s resource was reachable');
  }
  if (after.innocent !== innocentBaseline) {
    found.push('the innocent organisation’s rows changed');
    innocentBaseline = after.innocent;
  }
  if (
    innocentAnswer.status !== 202 ||
    !IngestEventResponseSchema.safeParse(innocentAnswer.body).success
  )
    found.push(`the innocent event got ${innocentAnswer.status}`);

  for (const problem of found) {
    problems.push({
      route,
      problem,
      status: answer.status,
      request: describeRequest(sent),
      answer: JSON.stringify(answer.body).slice(0, 400),
    });
  }
}

/**
 * Runs a route's cases for its slice of the budget; the property records what it finds and the test
 * asserts it. fast-check's time limit does not wait for a case in flight, so cases stop themselves at the
 * deadline and the last one is awaited: no request of one route may overlap the next route's checks.
 */
async function fuzz<T>(
  route: string,
  share: number,
  arbitrary: fc.Arbitrary<T>,
  toSent: (recipe: T) => Sent,
) {
  const deadline = performance.now() + FUZZ_BUDGET_MS * share;
  let inFlight: Promise<void> = Promise.resolve();
  const details = await fc.check(
    fc.asyncProperty(arbitrary, async (recipe) => {
      if (performance.now() > deadline) return true;
      inFlight = runCase(route, toSent(recipe));
      await inFlight;
      return true;
    }),
    {
      numRuns: MAX_RUNS,
      plugins: [fc.interruptAfterTimeLimit(FUZZ_BUDGET_MS * share + 1_000)],
    },
  );
  await inFlight;
  if (details.failed) throw new Error(fc.defaultReportMessage(details));
  expect(problems.filter((p) => p.route === route)).toEqual([]);
}

type BodyRecipe =
  | { kind: 'valid' }
  | { kind: 'mutated'; mutations: Mutation[] }
  | { kind: 'value'; value: unknown }
  | { kind: 'raw'; raw: string };

const bodyRecipe: fc.Arbitrary<BodyRecipe> = fc.oneof(
  // One change to a valid request reaches the deepest checks (and the database); more break it sooner.
  {
    weight: 6,
    arbitrary: mutation.map((one) => ({ kind: 'mutated' as const, mutations: [one] })),
  },
  {
    weight: 3,
    arbitrary: fc
      .array(mutation, { minLength: 2, maxLength: 4 })
      .map((mutations) => ({ kind: 'mutated' as const, mutations })),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'valid' as const }) },
  { weight: 2, arbitrary: hostileValue.map((value) => ({ kind: 'value' as const, value })) },
  { weight: 1, arbitrary: hostileRawBody.map((raw) => ({ kind: 'raw' as const, raw })) },
);

/** `arbitrary` one time in `odds`, null otherwise. */
function rarely<T>(arbitrary: fc.Arbitrary<T>, odds: number): fc.Arbitrary<T | null> {
  return fc.oneof({ weight: odds - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary });
}

const contentType = rarely(
  fc.constantFrom(
    'text/plain',
    'application/json; charset=utf-16',
    'application/x-www-form-urlencoded',
    'APPLICATION/JSON',
    'application/json;;;',
  ),
  12,
);

interface BodyCase {
  body: BodyRecipe;
  contentType: string | null;
}
const bodyCase: fc.Arbitrary<BodyCase> = fc.record({ body: bodyRecipe, contentType });

function withBody(base: unknown, recipe: BodyCase, options: RequestOptions = {}): RequestOptions {
  const { body } = recipe;
  const rawBody =
    body.kind === 'valid'
      ? JSON.stringify(base)
      : body.kind === 'mutated'
        ? toJsonText(applyMutations(base, body.mutations))
        : body.kind === 'value'
          ? toJsonText(body.value)
          : body.raw;
  return {
    ...options,
    rawBody,
    headers: {
      ...options.headers,
      ...(recipe.contentType ? { 'content-type': recipe.contentType } : {}),
    },
  };
}

beforeAll(async () => {
  // Random host names must not wait on DNS: every name "does not resolve", at once.
  const urlGuard = new UrlGuard([], () =>
    Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' })),
  );
  const logger = createLogger('warn', { test: 'api-fuzz' }, (line) => logLines.push(line));
  ctx = await createTestContext({ urlGuard, logger });
  hostile = await ctx.createOrganisation();
  innocent = await ctx.createOrganisation();

  hostileKeyValue = (await ctx.createApiKey(hostile)).key;
  const innocentKey = await ctx.createApiKey(innocent);
  innocentKeyValue = innocentKey.key;
  innocentApiKeyId = innocentKey.id;

  const createWebhook = async (owner: TestOrganisation, url: string) =>
    WebhookDetailSchema.parse(
      (await ctx.request('POST', '/api/v1/webhooks', { as: owner.users.admin, body: { url } }))
        .body,
    ).id;
  hostileWebhookId = await createWebhook(hostile, 'https://hostile.example.com/hook');
  innocentWebhookId = await createWebhook(innocent, 'https://innocent.example.com/hook');
  // Hostile events then reach deliveries too; the innocent organisation's endpoint stays unsubscribed so
  // that its events store no deliveries and its rows stay still.
  const subscribed = await ctx.request(
    'PUT',
    `/api/v1/agents/${hostile.agents[0]?.id ?? ''}/webhook-subscriptions`,
    { ...admin(), body: { webhookId: hostileWebhookId, eventTypes: [...EVENT_TYPES] } },
  );
  expect(subscribed.status).toBe(200);

  innocentBaseline = (await fingerprints()).innocent;
  started = performance.now();
}, 120_000);

afterAll(async () => {
  await ctx.close();
});

const eventType = fc.constantFrom<EventType>(...EVENT_TYPES);
const SLICE_TIMEOUT = (share: number) => FUZZ_BUDGET_MS * share + 30_000;

describe(`API fuzz (${DATABASE})`, () => {
  it('POST /api/v1/events', { timeout: SLICE_TIMEOUT(0.2) }, async () => {
    const authorization = rarely(
      fc.constantFrom(
        'Bearer ',
        'Bearer rpk_',
        `Bearer rpk_${'x'.repeat(5_000)}`,
        'Basic YTpi',
        'bearer',
        'Bearer \t',
      ),
      15,
    );
    await fuzz(
      'POST /events',
      0.2,
      fc.record({ type: eventType, agent: fc.nat(2), body: bodyCase, authorization }),
      ({ type, agent, body, authorization: auth }) => {
        const base = exampleEvent(hostile.agents[agent]?.id ?? '', unique('hostile'), type);
        return {
          method: 'POST',
          path: '/api/v1/events',
          options: withBody(base, body, {
            headers: { authorization: auth ?? `Bearer ${hostileKeyValue}` },
            origin: null,
          }),
        };
      },
    );
  });

  it('POST /api/v1/webhooks', { timeout: SLICE_TIMEOUT(0.1) }, async () => {
    await fuzz('POST /webhooks', 0.1, bodyCase, (body) => ({
      method: 'POST',
      path: '/api/v1/webhooks',
      options: withBody(
        {
          url: `https://${unique('h').replace(/_/g, '-')}.example.com/hook`,
          description: 'Fuzzed',
          headers: { 'X-Api-Key': 'abc' },
        },
        body,
        admin(),
      ),
    }));
  });

  it('PATCH /api/v1/webhooks/{id}', { timeout: SLICE_TIMEOUT(0.08) }, async () => {
    await fuzz('PATCH /webhooks/{id}', 0.08, bodyCase, (body) => ({
      method: 'PATCH',
      path: `/api/v1/webhooks/${hostileWebhookId}`,
      options: withBody(
        {
          url: 'https://hostile.example.com/hook',
          description: 'Changed',
          headers: { 'X-A': '1' },
        },
        body,
        admin(),
      ),
    }));
  });

  it('PATCH /api/v1/agents/{id}', { timeout: SLICE_TIMEOUT(0.08) }, async () => {
    await fuzz('PATCH /agents/{id}', 0.08, bodyCase, (body) => ({
      method: 'PATCH',
      path: `/api/v1/agents/${hostile.agents[1]?.id ?? ''}`,
      options: withBody({ name: 'Renamed agent', description: 'Described' }, body, admin()),
    }));
  });

  it(
    'PUT /api/v1/agents/{id}/webhook-subscriptions',
    { timeout: SLICE_TIMEOUT(0.08) },
    async () => {
      await fuzz(
        'PUT /agents/{id}/webhook-subscriptions',
        0.08,
        fc.record({
          body: bodyCase,
          foreign: fc.boolean(),
          types: fc.subarray([...EVENT_TYPES], { minLength: 1 }),
        }),
        ({ body, foreign, types }) => ({
          method: 'PUT',
          path: `/api/v1/agents/${hostile.agents[2]?.id ?? ''}/webhook-subscriptions`,
          options: withBody(
            { webhookId: foreign ? innocentWebhookId : hostileWebhookId, eventTypes: types },
            body,
            admin(),
          ),
          foreign,
        }),
      );
    },
  );

  it('POST /api/v1/api-keys', { timeout: SLICE_TIMEOUT(0.06) }, async () => {
    await fuzz('POST /api-keys', 0.06, bodyCase, (body) => ({
      method: 'POST',
      path: '/api/v1/api-keys',
      options: withBody({ name: 'Fuzzed key' }, body, admin()),
    }));
  });

  it('POST /api/v1/auth/login', { timeout: SLICE_TIMEOUT(0.08) }, async () => {
    await fuzz('POST /auth/login', 0.08, bodyCase, (body) => ({
      method: 'POST',
      path: '/api/v1/auth/login',
      options: withBody({ email: hostile.users.viewer.email, password: 'not the password' }, body),
    }));
  });

  it('POST /api/v1/webhooks/{id}/test', { timeout: SLICE_TIMEOUT(0.06) }, async () => {
    await fuzz(
      'POST /webhooks/{id}/test',
      0.06,
      fc.record({ type: eventType, body: bodyCase }),
      ({ type, body }) => ({
        method: 'POST',
        path: `/api/v1/webhooks/${hostileWebhookId}/test`,
        options: withBody({ eventType: type }, body, admin()),
      }),
    );
  });

  it(
    'GET /api/v1/deliveries with hostile query strings',
    { timeout: SLICE_TIMEOUT(0.1) },
    async () => {
      const queryKey = fc.oneof(
        fc.constantFrom(
          'status',
          'eventType',
          'webhookId',
          'agentId',
          'callId',
          'cursor',
          'limit',
          'q',
          'failureCategory',
          'from',
          'to',
        ),
        hostileKey.filter((key) => key.length < 1_000).map(encodeComponent),
        hostileComponent,
      );
      const queryValue = fc.oneof(
        hostileComponent,
        fc.constantFrom(
          'pending',
          'failed',
          'pre-conversation',
          '1',
          '100',
          '101',
          '0',
          '-1',
          '1e3',
          '0x10',
          ' 5',
          'NaN',
          'timeout',
          '0000-01-01T00:00:00Z',
          '9999-12-31T23:59:59-14:00',
          '2026-03-01T00:00:00.123456Z',
          'msg_01JX00000000000000000000AA',
        ),
        fc.constant('<webhook>'),
      );
      const pairs = fc.array(fc.tuple(queryKey, queryValue, fc.constantFrom('=', '', '==')), {
        maxLength: 5,
      });
      await fuzz(
        'GET /deliveries?…',
        0.1,
        fc.record({ pairs, tail: fc.constantFrom('', '&', '&&', '#frag', '?', '%') }),
        ({ pairs: list, tail }) => ({
          method: 'GET',
          path:
            '/api/v1/deliveries?' +
            list
              .map(([k, v, eq]) => `${k}${eq}${v === '<webhook>' ? hostileWebhookId : v}`)
              .join('&') +
            tail,
          options: admin(),
        }),
      );
    },
  );

  it('hostile path parameters', { timeout: SLICE_TIMEOUT(0.16) }, async () => {
    const templates: { method: string; path: string; body?: unknown }[] = [
      { method: 'GET', path: '/api/v1/agents/{x}' },
      { method: 'PATCH', path: '/api/v1/agents/{x}', body: { name: 'Taken over' } },
      {
        method: 'PUT',
        path: '/api/v1/agents/{x}/webhook-subscriptions',
        body: { webhookId: '<hostile-webhook>', eventTypes: ['pre-conversation'] },
      },
      { method: 'DELETE', path: '/api/v1/agents/{x}/webhook-subscriptions' },
      { method: 'POST', path: '/api/v1/agents/{x}/test-call' },
      { method: 'GET', path: '/api/v1/webhooks/{x}' },
      { method: 'PATCH', path: '/api/v1/webhooks/{x}', body: { description: 'Taken over' } },
      { method: 'DELETE', path: '/api/v1/webhooks/{x}' },
      { method: 'POST', path: '/api/v1/webhooks/{x}/rotate-secret' },
      { method: 'POST', path: '/api/v1/webhooks/{x}/enable' },
      { method: 'POST', path: '/api/v1/webhooks/{x}/disable' },
      {
        method: 'POST',
        path: '/api/v1/webhooks/{x}/test',
        body: { eventType: 'pre-conversation' },
      },
      { method: 'POST', path: '/api/v1/webhooks/{x}/signature-test' },
      { method: 'POST', path: '/api/v1/webhooks/{x}/replay-skipped' },
      { method: 'GET', path: '/api/v1/deliveries/{x}' },
      { method: 'POST', path: '/api/v1/deliveries/{x}/redeliver' },
      { method: 'GET', path: '/api/v1/calls/{x}' },
      { method: 'DELETE', path: '/api/v1/api-keys/{x}' },
    ];
    const target = fc.oneof(
      { weight: 5, arbitrary: hostileComponent.map((segment) => ({ segment, foreign: false })) },
      {
        weight: 2,
        arbitrary: fc
          .constantFrom('agent', 'webhook', 'api-key')
          .map((kind) => ({ segment: `<innocent-${kind}>`, foreign: true })),
      },
      {
        weight: 1,
        arbitrary: fc
          .constantFrom('/', '/..', '//', '/x/y')
          .map((suffix) => ({ segment: `<hostile-agent>${suffix}`, foreign: false })),
      },
    );
    await fuzz(
      'hostile path parameters',
      0.16,
      fc.record({ template: fc.constantFrom(...templates), target }),
      ({ template, target: { segment, foreign } }) => {
        const resolved = segment
          .replace('<innocent-agent>', innocent.agents[0]?.id ?? '')
          .replace('<innocent-webhook>', innocentWebhookId)
          .replace('<innocent-api-key>', innocentApiKeyId)
          .replace('<hostile-agent>', hostile.agents[0]?.id ?? '');
        const body =
          template.body === undefined
            ? undefined
            : (JSON.parse(
                JSON.stringify(template.body).replace('<hostile-webhook>', hostileWebhookId),
              ) as unknown);
        return {
          method: template.method,
          path: template.path.replace('{x}', resolved),
          options: { ...admin(), ...(body === undefined ? {} : { body }) },
          // Only an id of the kind the route expects could reach another organisation's row.
          foreign,
        };
      },
    );
  });

  it('still answers /readyz, logged no error, stored every innocent event; prints the figures', async () => {
    const elapsed = (performance.now() - started) / 1000;

    const total = [...casesPerRoute.values()].reduce((a, b) => a + b, 0);
    const perRoute = [...casesPerRoute].map(([route, n]) => `${route}: ${n}`).join(', ');
    const statuses = [...statusCounts]
      .sort(([a], [b]) => a - b)
      .map(([s, n]) => `${s}×${n}`)
      .join(' ');
    console.log(
      `API fuzz on ${DATABASE}: ${total} cases in ${elapsed.toFixed(1)} s, ${fiveHundreds} 5xx seen.\n` +
        `  per route: ${perRoute}\n  statuses: ${statuses}`,
    );
    if (problems.length > 0) console.log(problems.slice(0, 20));

    const ready = await ctx.request('GET', '/readyz');
    expect(ready.status).toBe(200);
    const stored = rowsOf<{ call_id: string }>(
      await ctx.db.execute(sql`select call_id from events where organisation_id = ${innocent.id}`),
    ).map((row) => row.call_id);
    expect(new Set(stored)).toEqual(new Set(innocentCallIds));
    expect(logLines.filter((line) => /"level":"error"/.test(line))).toEqual([]);
    expect(total).toBeGreaterThan(0);
    expect(fiveHundreds).toBe(0);
  });
});
