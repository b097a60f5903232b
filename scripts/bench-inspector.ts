/**
 * `npm run bench:inspector`: how long the inspector's reads take on a large history. Fills 1,000,000
 * deliveries (with their attempts) on PostgreSQL — a database of its own on TEST_DATABASE_URL's server,
 * dropped afterwards — and 200,000 on the embedded database, across several organisations, endpoints
 * and agents with realistic statuses and failure categories; then times the first page of every
 * filter, the searches, the detail, the call view and endpoint health through the real app in-process
 * (`app.request`: routing, validation, the queries, serialisation), and prints each list query's plan.
 *
 *   TEST_DATABASE_URL (PostgreSQL; skipped if unset)   BENCH_PG_ROWS (default 1000000)
 *   BENCH_EMBEDDED_ROWS (default 200000)   BENCH_RUNS (default 30)   BENCH_ONLY (postgres | embedded)
 */
import { randomBytes } from 'node:crypto';
import { withScratchPostgres } from './bench/scratch-postgres';
import { sql, TransactionRollbackError } from 'drizzle-orm';
import { finishedDeliveriesBatch } from '../src/server/db/queries/retention';
import { HEALTH_LATENCY_BUCKETS_MS } from '../src/contract/webhook-health';
import type { DeliveryListQuery } from '../src/contract/deliveries';
import {
  openDatabase,
  rowsOf,
  type Database,
  type DatabaseHandle,
  type Queryable,
} from '../src/server/db/database';
import { insertAgent } from '../src/server/db/queries/agents';
import { insertOrganisation } from '../src/server/db/queries/organisations';
import { createSession } from '../src/server/db/queries/sessions';
import { insertUser } from '../src/server/db/queries/users';
import { insertWebhook } from '../src/server/db/queries/webhooks';
import {
  callDeliveriesQuery,
  deliveryPageQuery,
  type DeliveryFilters,
} from '../src/server/db/queries/delivery-search';
import { parseEnv } from '../src/server/env';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../src/server/http/middleware/session';
import { createLogger } from '../src/server/logger';
import { createRuntime } from '../src/server/runtime';
import { hashPassword } from '../src/server/security/passwords';
import { SecretBox } from '../src/server/security/secret-box';
import { generateToken, generateWebhookSecret, hashToken } from '../src/server/security/tokens';
import { UrlGuard } from '../src/server/security/url-guard';
import { sealSecret } from '../src/server/security/webhook-credentials';

const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WARMUP = 3;
const ORGANISATIONS = 5;
/** Share of the calls each organisation has, in percent (the first is the one measured). */
const ORGANISATION_SHARE = [50, 20, 15, 10, 5];
const AGENTS_PER_ORGANISATION = 20;
const ENDPOINTS_PER_ORGANISATION = 10;
const CHUNK = 100_000;

interface World {
  organisationId: string;
  webhookId: string;
  agentId: string;
  cookie: string;
}

const log = (message: string) => console.log(`  ${message}`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

async function exec(db: Queryable, statement: ReturnType<typeof sql>) {
  return rowsOf<Record<string, unknown>>(await db.execute(statement));
}

/** Organisations, their agents and endpoints (one endpoint per agent, several agents per endpoint). */
async function setUp(db: Database): Promise<World> {
  const box = new SecretBox(randomBytes(32));
  const lanes: string[] = [];
  let world: World | undefined;
  for (let o = 0; o < ORGANISATIONS; o++) {
    const organisation = await insertOrganisation(db, `Bench organisation ${o}`);
    const webhooks: string[] = [];
    for (let e = 0; e < ENDPOINTS_PER_ORGANISATION; e++) {
      const id = crypto.randomUUID();
      await insertWebhook(
        db,
        {
          id,
          organisationId: organisation.id,
          url: `https://hooks-${o}.example.com/endpoint-${e}`,
          description: null,
          headers: {},
          secret: sealSecret(box, id, generateWebhookSecret()),
        },
        new Date(),
      );
      webhooks.push(id);
    }
    for (let a = 0; a < AGENTS_PER_ORGANISATION; a++) {
      const agent = await insertAgent(db, { organisationId: organisation.id, name: `Agent ${a}` });
      const webhookId = webhooks[a % ENDPOINTS_PER_ORGANISATION] ?? '';
      lanes.push(
        `(${o * AGENTS_PER_ORGANISATION + a}, '${organisation.id}'::uuid, '${agent.id}'::uuid, '${webhookId}'::uuid)`,
      );
      if (o === 0 && a === 3) {
        const user = await insertUser(db, {
          organisationId: organisation.id,
          email: `support-${randomBytes(3).toString('hex')}@bench.example`,
          name: 'Bench Support',
          role: 'support',
          passwordHash: await hashPassword('bench password', { N: 1024, r: 8, p: 1 }),
        });
        const token = generateToken();
        await createSession(db, {
          id: hashToken(token),
          userId: user.id,
          expiresAt: new Date(Date.now() + SESSION_TTL_MS),
        });
        world = { organisationId: organisation.id, webhookId, agentId: agent.id, cookie: token };
      }
    }
  }
  await db.execute(
    sql.raw(
      `create table bench_lanes (lane integer primary key, organisation_id uuid, agent_id uuid, webhook_id uuid)`,
    ),
  );
  await db.execute(sql.raw(`insert into bench_lanes values ${lanes.join(', ')}`));
  if (!world) throw new Error('no world');
  return world;
}

/**
 * Calls of three events (Start, End, Analytics) to their agent's endpoint over the last 30 days;
 * `i` numbers the deliveries, `c` the calls. Statuses and failure categories are drawn from hashes of
 * the numbers, so every run stores the same history.
 */
function fillDeliveries(total: number, from: number, to: number) {
  const shares = ORGANISATION_SHARE.reduce<number[]>(
    (bounds, share) => [...bounds, (bounds.at(-1) ?? 0) + share],
    [],
  );
  const organisationOf = `case ${shares
    .map((bound, o) => `when (g.c * 61) % 100 < ${bound} then ${o}`)
    .join(' ')} else 0 end`;
  return sql.raw(`
    insert into deliveries (id, organisation_id, webhook_id, agent_id, call_id, event_type, sequence, body,
                            status, attempt_count, next_attempt_at, lease_expires_at, leased_by,
                            last_response_status, last_duration_ms, last_error, last_error_category,
                            created_at, completed_at)
    select 'msg_BENCH' || lpad(g.i::text, 21, '0'), l.organisation_id, l.webhook_id, l.agent_id,
           'call_bench_' || g.c,
           (array['pre-conversation', 'post-conversation', 'analytics-completed'])[g.seq + 1], g.seq,
           '{"id":"msg_BENCH' || lpad(g.i::text, 21, '0') || '","event":"' || l.agent_id || '.' ||
             (array['pre-conversation', 'post-conversation', 'analytics-completed'])[g.seq + 1] ||
             '","metadata":{"callId":"call_bench_' || g.c || '","transcript":"' || repeat('hello ', 40) || '"}}',
           s.status,
           case s.status when 'succeeded' then 1 + (g.h % 10 = 0)::int when 'failed' then 8
                         when 'pending' then case when s.category is null then 0 else 1 + g.h % 3 end
                         else 0 end,
           case when s.status = 'pending' then g.at + interval '5 minutes' end,
           case when s.status = 'delivering' then now() + interval '1 hour' end,
           case when s.status = 'delivering' then 'bench-worker' end,
           case when s.status = 'succeeded' then 200 when s.category = 'http_status' then 500 end,
           case when s.status in ('succeeded', 'failed') or s.category is not null then 20 + g.h % 300 end,
           case when s.category is not null then s.category || ': it went wrong' end,
           s.category,
           g.at,
           case when s.status in ('succeeded', 'failed', 'skipped') then g.at + interval '3 minutes' end
    from (
      select i, i / 3 as c, i % 3 as seq, (i * 40503 + 7) % 1000 as h, (i * 7 + i / 3) % 100 as k,
             now() - interval '30 days' + (i / 3)::double precision * 3 / ${total} * interval '30 days'
               + (i % 3) * interval '2 seconds' + (i % 997) * interval '1 microsecond' as at
      from generate_series(${from}::bigint, ${to}::bigint) i
    ) g
    join bench_lanes l on l.lane = (${organisationOf}) * ${AGENTS_PER_ORGANISATION} + (g.c * 7919) % ${AGENTS_PER_ORGANISATION}
    cross join lateral (
      select st.status,
             case when st.status = 'skipped' then 'endpoint_disabled'
                  when st.status = 'failed' or (st.status = 'pending' and g.h % 2 = 0) then
                    case when g.k < 55 then 'http_status' when g.k < 75 then 'timeout'
                         when g.k < 87 then 'connect' when g.k < 93 then 'dns' when g.k < 97 then 'tls'
                         when g.k < 99 then 'redirect' else 'blocked' end
             end as category
      from (select case when g.h < 880 then 'succeeded' when g.h < 950 then 'failed'
                        when g.h < 970 then 'skipped' when g.h < 995 then 'pending'
                        else 'delivering' end as status) st
    ) s
  `);
}

function fillAttempts(from: number, to: number) {
  return sql.raw(`
    insert into delivery_attempts (delivery_id, number, kind, started_at, duration_ms, headers_ms, url,
                                   request_headers, response_status, response_headers, response_body,
                                   error_category, error_message)
    select d.id, n, 'scheduled', d.created_at + (n - 1) * interval '20 seconds', d.last_duration_ms,
           d.last_duration_ms * 0.8, w.url,
           jsonb_build_object('content-type', 'application/json', 'user-agent', 'Ringpost/0.1.0',
                              'webhook-id', d.id, 'webhook-timestamp', '1767225600',
                              'webhook-signature', 'v1,' || md5(d.id || n)),
           case when d.status = 'succeeded' and n = d.attempt_count then 200
                when d.last_error_category = 'http_status' then 500 end,
           case when d.status = 'succeeded' or d.last_error_category = 'http_status'
                then '{"content-type":"text/plain"}'::jsonb end,
           case when d.status = 'succeeded' and n = d.attempt_count then 'ok'
                when d.last_error_category = 'http_status' then 'Internal Server Error' end,
           case when not (d.status = 'succeeded' and n = d.attempt_count) then d.last_error_category end,
           case when not (d.status = 'succeeded' and n = d.attempt_count) then d.last_error end
    from deliveries d
    join webhooks w on w.id = d.webhook_id
    cross join lateral generate_series(1, d.attempt_count) n
    where d.id >= 'msg_BENCH' || lpad(${from}::text, 21, '0') and d.id <= 'msg_BENCH' || lpad(${to}::text, 21, '0')
  `);
}

/** An hour of each endpoint's health for the last 30 days, as the rollup keeps it. */
function fillHealth() {
  const buckets = HEALTH_LATENCY_BUCKETS_MS.length + 1;
  return sql.raw(`
    insert into webhook_health_hourly (webhook_id, hour, succeeded, failed, latency_buckets)
    select w.id, date_trunc('hour', now()) - h * interval '1 hour', 50 + h % 40, h % 7,
           array(select (b * 7 + h) % 30 from generate_series(1, ${buckets}) b)
    from webhooks w cross join generate_series(0, 30 * 24 - 1) h
  `);
}

async function fill(handle: DatabaseHandle, total: number): Promise<World> {
  const db = handle.db;
  const started = performance.now();
  const world = await setUp(db);
  if (handle.kind === 'postgres') await db.execute(sql.raw('set synchronous_commit = off'));
  // Indexes are built once after the load (as a restore would), which is far quicker than keeping them
  // up row by row; they are the migrations' own definitions, dropped and created again.
  const definitions = (
    await exec(
      db,
      sql.raw(`select indexname, indexdef from pg_indexes
               where tablename in ('deliveries', 'delivery_attempts')
                 and indexname not in (select conname from pg_constraint)`),
    )
  ).map((row) => ({ name: String(row.indexname), definition: String(row.indexdef) }));
  for (const { name } of definitions) await db.execute(sql.raw(`drop index ${name}`));
  for (let from = 0; from < total; from += CHUNK) {
    const to = Math.min(total, from + CHUNK) - 1;
    await db.execute(fillDeliveries(total, from, to));
    await db.execute(fillAttempts(from, to));
    log(`${to + 1} deliveries stored (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  }
  await db.execute(fillHealth());
  for (const { definition } of definitions) await db.execute(sql.raw(definition));
  // PostgreSQL's autovacuum keeps statistics and the visibility map; the embedded database has no
  // autovacuum and only ever runs ANALYZE (the worker's, delivery/worker.ts), so it gets only that.
  await db.execute(sql.raw(handle.kind === 'postgres' ? 'vacuum analyze' : 'analyze'));
  const [counts] = await exec(
    db,
    sql.raw(`select (select count(*) from deliveries) as deliveries,
                    (select count(*) from delivery_attempts) as attempts`),
  );
  log(
    `filled ${String(counts?.deliveries)} deliveries, ${String(counts?.attempts)} attempts in ${(
      (performance.now() - started) /
      1000
    ).toFixed(0)} s`,
  );
  return world;
}

interface Case {
  name: string;
  path: string;
  /** The list query's filters, to EXPLAIN; or the call id of the call view. */
  explain?: { filters: DeliveryFilters } | { callId: string };
}

async function cases(db: Database, world: World): Promise<Case[]> {
  const [sample] = await exec(
    db,
    sql`select id, call_id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
        from deliveries where organisation_id = ${world.organisationId} and sequence = 1
        order by created_at desc offset 1000 limit 1`,
  );
  const [old] = await exec(
    db,
    sql`select id, to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as at
        from deliveries where organisation_id = ${world.organisationId}
          and created_at < now() - interval '20 days'
        order by created_at desc, id desc limit 1`,
  );
  const deliveryId = String(sample?.id);
  const callId = String(sample?.call_id);
  const deepCursor = Buffer.from(JSON.stringify([String(old?.at), String(old?.id)])).toString(
    'base64url',
  );
  const day = 86_400_000;
  const from = new Date(Date.now() - 15 * day).toISOString();
  const to = new Date(Date.now() - 15 * day + 3_600_000).toISOString();
  const list = (name: string, query: Partial<DeliveryListQuery>, extra = ''): Case => {
    const params = new URLSearchParams(
      Object.entries(query).map(([k, v]) => [k, String(v)] as [string, string]),
    ).toString();
    return {
      name,
      path: `/api/v1/deliveries?${params}${extra}`,
      explain: { filters: { ...query, limit: 51 } },
    };
  };
  return [
    list('no filter', {}),
    list('status=failed', { status: 'failed' }),
    list('status=pending (rare)', { status: 'pending' }),
    list('eventType=post-conversation', { eventType: 'post-conversation' }),
    list('webhookId', { webhookId: world.webhookId }),
    list('webhookId + status=failed', { webhookId: world.webhookId, status: 'failed' }),
    list('agentId', { agentId: world.agentId }),
    list('failureCategory=timeout', { failureCategory: 'timeout' }),
    list('failureCategory=tls (rare)', { failureCategory: 'tls' }),
    list('from/to (one hour, 15 days ago)', { from, to }),
    list('callId', { callId }),
    list('q = call id', { q: callId }),
    list('q = delivery id (webhook-id)', { q: deliveryId }),
    {
      name: 'no filter, a page 20 days back (cursor)',
      path: `/api/v1/deliveries?cursor=${deepCursor}`,
      explain: {
        filters: { after: { createdAt: String(old?.at), id: String(old?.id) }, limit: 51 },
      },
    },
    { name: 'detail (GET /deliveries/{id})', path: `/api/v1/deliveries/${deliveryId}` },
    {
      name: 'call view (GET /calls/{callId})',
      path: `/api/v1/calls/${callId}`,
      explain: { callId },
    },
    { name: 'endpoint health', path: `/api/v1/webhooks/${world.webhookId}/health` },
  ];
}

/** The plan's lines that say how rows were found, and its time. */
function planSummary(lines: string[]): string[] {
  return lines.filter((line) =>
    /Scan.* on (deliveries|events)|Index Cond|Filter|Heap Fetches|Execution Time/.test(line),
  );
}

async function measure(label: string, handle: DatabaseHandle, total: number) {
  console.log(`\n## ${label}: ${total.toLocaleString('en')} deliveries`);
  await handle.migrate();
  const world = await fill(handle, total);
  const env = parseEnv({ NODE_ENV: 'production', LOG_LEVEL: 'silent' });
  const { app } = createRuntime(env, handle, {
    logger: createLogger('silent'),
    secretBox: new SecretBox(randomBytes(32)),
    urlGuard: new UrlGuard([]),
  });
  const headers = { cookie: `${SESSION_COOKIE}=${world.cookie}` };
  const all = await cases(handle.db, world);
  const runnable: (Case & { rows: string; http: number[]; query: number[] })[] = [];
  for (const c of all) {
    const response = await app.request(c.path, { headers });
    const body = await response.text();
    if (response.status === 404 && c.name === 'endpoint health') {
      log('endpoint health: no such route yet, skipped');
      continue;
    }
    if (response.status !== 200) throw new Error(`${c.name}: answered ${response.status}`);
    const parsed = JSON.parse(body) as { items?: unknown[]; deliveries?: unknown[] };
    const count = parsed.items?.length ?? parsed.deliveries?.length;
    runnable.push({ ...c, rows: count === undefined ? '' : String(count), http: [], query: [] });
  }
  const statementOf = (c: Case) =>
    c.explain === undefined
      ? undefined
      : 'filters' in c.explain
        ? deliveryPageQuery(handle.db, world.organisationId, c.explain.filters)
        : callDeliveriesQuery(handle.db, world.organisationId, c.explain.callId);
  // Round robin, so that a moment when the machine is busy falls on every request alike rather than
  // on the runs of one.
  for (let run = 0; run < WARMUP + RUNS; run++) {
    for (const c of runnable) {
      let started = performance.now();
      const response = await app.request(c.path, { headers });
      await response.text();
      if (run >= WARMUP) c.http.push(performance.now() - started);
      const statement = statementOf(c);
      if (statement) {
        started = performance.now();
        await statement;
        if (run >= WARMUP) c.query.push(performance.now() - started);
      }
    }
  }
  const plans: string[] = [];
  for (const c of runnable) {
    const statement = statementOf(c);
    if (!statement) continue;
    const plan = (await exec(handle.db, sql`explain (analyze, buffers) ${statement}`)).map((row) =>
      String(row['QUERY PLAN']),
    );
    plans.push(`-- ${c.name}\n${planSummary(plan).join('\n')}`);
  }
  // One batch of retention's pruning (rolled back): the oldest 500 finished deliveries of 20 days ago.
  await handle.db
    .transaction(async (tx) => {
      const batch = finishedDeliveriesBatch(new Date(Date.now() - 20 * 86_400_000), 500);
      const plan = (await exec(tx, sql`explain (analyze, buffers) ${batch}`)).map((row) =>
        String(row['QUERY PLAN']),
      );
      plans.push(`-- retention: one batch of 500 (rolled back)\n${planSummary(plan).join('\n')}`);
      tx.rollback();
    })
    .catch((error: unknown) => {
      if (!(error instanceof TransactionRollbackError)) throw error;
    });
  const ms = (values: number[], p: number) =>
    values.length === 0
      ? ''
      : percentile(
          [...values].sort((x, y) => x - y),
          p,
        ).toFixed(1);
  console.log(
    `\n| ${label}: ${total.toLocaleString('en')} deliveries | rows | HTTP p50 ms | HTTP p95 ms | query p50 ms | query p95 ms |`,
  );
  console.log('|---|---|---|---|---|---|');
  for (const c of runnable) {
    console.log(
      `| ${c.name} | ${c.rows} | ${ms(c.http, 50)} | ${ms(c.http, 95)} | ${ms(c.query, 50)} | ${ms(c.query, 95)} |`,
    );
  }
  console.log(`\n### ${label}: plans (EXPLAIN ANALYZE, the lines that say how rows were found)\n`);
  console.log(plans.join('\n\n'));
}

console.log(`Ringpost inspector benchmark: ${RUNS} runs per request after ${WARMUP} to warm up`);
const only = process.env.BENCH_ONLY;
if (only !== 'embedded') {
  await withScratchPostgres(4, (postgres) =>
    measure('PostgreSQL', postgres, Number(process.env.BENCH_PG_ROWS ?? 1_000_000)),
  );
}
if (only !== 'postgres') {
  const embedded = await openDatabase({ kind: 'embedded-memory' });
  try {
    await measure(
      'embedded (PGlite)',
      embedded,
      Number(process.env.BENCH_EMBEDDED_ROWS ?? 200_000),
    );
  } finally {
    await embedded.close();
  }
}
