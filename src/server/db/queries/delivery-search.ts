/**
 * The inspector's reads: deliveries found by filters and search, one delivery with its attempts, and
 * every delivery of one call. Every query is scoped to an organisation. The worker's side of the table
 * (claims, attempts, outcomes) is in src/server/outbox/.
 *
 * Lists page by keyset on (created_at, id), newest first: no OFFSET and no COUNT, so a page costs the
 * same at the millionth row as at the first (docs/decisions/0013-inspector-queries-and-indexes.md).
 */
import { and, asc, desc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { alias, type SelectedFields } from 'drizzle-orm/pg-core';
import { DeliveryIdSchema, type DeliveryListQuery } from '@contract/deliveries';
import type { Queryable } from '../database';
import { agents, deliveries, deliveryAttempts, webhooks } from '../schema';

/** The same table again: the earlier deliveries of a lane, looked up beside each row. */
const earlier = alias(deliveries, 'earlier');

/**
 * The earlier unfinished delivery of the same lane (endpoint and call) that a pending delivery waits
 * for — the nearest one, since End waits for Start and Analytics for End. One probe of
 * deliveries_lane_idx per row, and none for a row that is not pending.
 */
function waitingForOf(db: Queryable) {
  return db
    .select({ id: earlier.id, eventType: earlier.eventType, status: earlier.status })
    .from(earlier)
    .where(
      and(
        eq(deliveries.status, 'pending'),
        eq(earlier.webhookId, deliveries.webhookId),
        eq(earlier.callId, deliveries.callId),
        lt(earlier.sequence, deliveries.sequence),
        inArray(earlier.status, ['pending', 'delivering']),
      ),
    )
    .orderBy(desc(earlier.sequence))
    .limit(1)
    .as('waiting_for');
}

/**
 * A delivery as lists show it: everything but the body, which can be a whole transcript and is read
 * only for one delivery at a time.
 */
function summaryColumns(waitingFor: ReturnType<typeof waitingForOf>) {
  return {
    delivery: {
      id: deliveries.id,
      webhookId: deliveries.webhookId,
      agentId: deliveries.agentId,
      callId: deliveries.callId,
      eventType: deliveries.eventType,
      sequence: deliveries.sequence,
      status: deliveries.status,
      attemptCount: deliveries.attemptCount,
      nextAttemptAt: deliveries.nextAttemptAt,
      lastResponseStatus: deliveries.lastResponseStatus,
      lastDurationMs: deliveries.lastDurationMs,
      lastError: deliveries.lastError,
      lastErrorCategory: deliveries.lastErrorCategory,
      isTest: deliveries.isTest,
      createdAt: deliveries.createdAt,
      completedAt: deliveries.completedAt,
    },
    webhookUrl: webhooks.url,
    agentName: agents.name,
    waitingFor: { id: waitingFor.id, eventType: waitingFor.eventType, status: waitingFor.status },
  };
}

/**
 * Summaries of the deliveries that `where` picks, each with its endpoint's URL, its agent's name and
 * what it waits for.
 */
function selectSummaries<T extends SelectedFields>(db: Queryable, extra: T) {
  const waitingFor = waitingForOf(db);
  return db
    .select({ ...summaryColumns(waitingFor), ...extra })
    .from(deliveries)
    .innerJoin(webhooks, eq(webhooks.id, deliveries.webhookId))
    .leftJoin(agents, eq(agents.id, deliveries.agentId))
    .leftJoinLateral(waitingFor, sql`true`);
}

export type DeliverySummaryRow = NonNullable<Awaited<ReturnType<typeof findDelivery>>>;

/**
 * created_at to the microsecond, as text. A Date keeps only milliseconds, and a cursor cut to the
 * millisecond would skip rows stored within the same millisecond as a page's last row.
 */
const createdAtText = sql<string>`to_char(${deliveries.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

export interface KeysetPosition {
  /** created_at of the previous page's last row, ISO 8601 in UTC, to the microsecond. */
  createdAt: string;
  id: string;
}

export interface DeliveryFilters extends Omit<DeliveryListQuery, 'cursor' | 'limit'> {
  /** Rows strictly after this position in newest-first order. */
  after?: KeysetPosition;
  limit: number;
}

const EARLIEST = Date.parse('0001-01-01T00:00:00Z');
const LATEST = Date.parse('9999-12-31T23:59:59.999Z');

/**
 * An ISO 8601 instant as a Date PostgreSQL accepts. The contract takes any four-digit year with any
 * offset; PostgreSQL has no year 0, and an offset can carry 9999-12-31 into year 10000. No delivery is
 * that old or that new, so moving such a bound to the nearest instant PostgreSQL has changes no answer.
 */
function storableInstant(iso: string): Date {
  return new Date(Math.min(LATEST, Math.max(EARLIEST, Date.parse(iso))));
}

/**
 * The search box: a delivery id — which is also the `webhook-id` header receivers log — finds that
 * delivery; anything else is a call id, matched exactly.
 */
function searchCondition(q: string): SQL {
  return DeliveryIdSchema.safeParse(q).success ? eq(deliveries.id, q) : eq(deliveries.callId, q);
}

/**
 * A page of deliveries, newest first. Each filter has an index that yields its rows already in
 * (created_at, id) order (schema.ts), so the page is read from the front of one index and the
 * statement stops after `limit` rows. The page is chosen first and only its rows are joined to their
 * endpoint, agent and lane: those lookups never run for rows that a filter reads and drops.
 */
export async function listDeliveries(
  db: Queryable,
  organisationId: string,
  filters: DeliveryFilters,
) {
  return deliveryPageQuery(db, organisationId, filters);
}

/** listDeliveries' statement, unrun: for EXPLAIN (scripts/bench-inspector.ts). */
export function deliveryPageQuery(db: Queryable, organisationId: string, filters: DeliveryFilters) {
  const { after } = filters;
  const conditions: (SQL | undefined)[] = [
    eq(deliveries.organisationId, organisationId),
    filters.q === undefined ? undefined : searchCondition(filters.q),
    filters.status ? eq(deliveries.status, filters.status) : undefined,
    filters.eventType ? eq(deliveries.eventType, filters.eventType) : undefined,
    filters.webhookId ? eq(deliveries.webhookId, filters.webhookId) : undefined,
    filters.agentId ? eq(deliveries.agentId, filters.agentId) : undefined,
    filters.callId ? eq(deliveries.callId, filters.callId) : undefined,
    filters.failureCategory ? eq(deliveries.lastErrorCategory, filters.failureCategory) : undefined,
    filters.from ? gte(deliveries.createdAt, storableInstant(filters.from)) : undefined,
    filters.to ? lt(deliveries.createdAt, storableInstant(filters.to)) : undefined,
    after
      ? sql`(${deliveries.createdAt}, ${deliveries.id}) < (${after.createdAt}::timestamptz, ${after.id})`
      : undefined,
  ];
  const page = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(...conditions))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
    .limit(filters.limit)
    .as('page');
  return selectSummaries(db, { cursorCreatedAt: createdAtText })
    .innerJoin(page, eq(page.id, deliveries.id))
    .orderBy(desc(deliveries.createdAt), desc(deliveries.id));
}

export async function findDelivery(db: Queryable, organisationId: string, id: string) {
  const [row] = await selectSummaries(db, {}).where(
    and(eq(deliveries.organisationId, organisationId), eq(deliveries.id, id)),
  );
  return row;
}

/** The delivery with the body it sends, for the detail view and for sending it elsewhere. */
export async function findDeliveryWithBody(db: Queryable, organisationId: string, id: string) {
  const [row] = await selectSummaries(db, { body: deliveries.body }).where(
    and(eq(deliveries.organisationId, organisationId), eq(deliveries.id, id)),
  );
  return row;
}

export async function listAttempts(db: Queryable, deliveryId: string) {
  return db
    .select()
    .from(deliveryAttempts)
    .where(eq(deliveryAttempts.deliveryId, deliveryId))
    .orderBy(asc(deliveryAttempts.number));
}

/**
 * Every delivery of one call in the organisation, by endpoint and then in lane order (Start, End,
 * Analytics Completed). A call has at most one event of each type per organisation, and each event at
 * most one delivery, so this is a handful of rows.
 */
export async function listCallDeliveries(db: Queryable, organisationId: string, callId: string) {
  return callDeliveriesQuery(db, organisationId, callId);
}

/** listCallDeliveries' statement, unrun: for EXPLAIN (scripts/bench-inspector.ts). */
export function callDeliveriesQuery(db: Queryable, organisationId: string, callId: string) {
  return selectSummaries(db, {})
    .where(and(eq(deliveries.organisationId, organisationId), eq(deliveries.callId, callId)))
    .orderBy(
      asc(webhooks.url),
      asc(deliveries.webhookId),
      asc(deliveries.sequence),
      asc(deliveries.createdAt),
      asc(deliveries.id),
    );
}
