/**
 * The one PostgreSQL schema, for the embedded database (PGlite) and for PostgreSQL alike. Every row
 * belongs to an organisation; composite foreign keys on (organisation_id, id) make it impossible for a
 * subscription to join an agent of one organisation to an endpoint of another.
 */
import { sql } from 'drizzle-orm';
import {
  bigserial,
  boolean,
  check,
  doublePrecision,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { EventType } from '@contract/event-types';
import type { Role } from '@contract/auth';
import type { WebhookStatus } from '@contract/webhooks';
import type { AttemptKind } from '@contract/deliveries';
import type { RetryJobStatus } from '@contract/retry-jobs';

const createdAt = () =>
  timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
const updatedAt = () =>
  timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();

export const organisations = pgTable('organisations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** Stored lower-cased; sign-in compares lower-cased. */
    email: text('email').notNull().unique(),
    name: text('name').notNull(),
    role: text('role').$type<Role>().notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('users_organisation_idx').on(t.organisationId),
    check('users_role_check', sql`${t.role} in ('admin', 'support', 'viewer')`),
  ],
);

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie's token: a leaked table does not yield usable cookies. */
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'date' }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const loginAttempts = pgTable(
  'login_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    /** Null while the password is being checked: counted as a failure until it is known. */
    succeeded: boolean('succeeded'),
    createdAt: createdAt(),
  },
  (t) => [
    index('login_attempts_email_idx').on(t.email, t.createdAt),
    index('login_attempts_ip_idx').on(t.ip, t.createdAt),
  ],
);

export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** The call platform's own id for an agent it registered (PUT /agents/{externalId}); null otherwise. */
    externalId: text('external_id'),
    /**
     * When the platform deleted the agent. The row stays so that its events and deliveries keep their
     * agent; lists, pages and new deliveries no longer see it (docs/decisions/0021-agents-registered-by-the-platform.md).
     */
    deletedAt: timestamp('deleted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('agents_organisation_idx').on(t.organisationId, t.name),
    unique('agents_organisation_id_key').on(t.organisationId, t.id),
    uniqueIndex('agents_external_id_key')
      .on(t.organisationId, t.externalId)
      .where(sql`${t.externalId} is not null`),
  ],
);

export const webhooks = pgTable(
  'webhooks',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default({}),
    secret: text('secret').notNull(),
    /** The secret before the last rotation; deliveries are signed with both until it expires. */
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', {
      withTimezone: true,
      mode: 'date',
    }),
    status: text('status').$type<WebhookStatus>().notNull().default('enabled'),
    disabledReason: text('disabled_reason'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** Start of the current run of failed attempts; null after a success. Five days of it disables the endpoint. */
    failingSince: timestamp('failing_since', { withTimezone: true, mode: 'date' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('webhooks_organisation_url_key').on(t.organisationId, t.url),
    unique('webhooks_organisation_id_key').on(t.organisationId, t.id),
    check('webhooks_status_check', sql`${t.status} in ('enabled', 'disabled')`),
  ],
);

/** An agent's webhook: at most one endpoint per agent, with the events it sends there. */
export const agentWebhooks = pgTable(
  'agent_webhooks',
  {
    agentId: uuid('agent_id').notNull(),
    organisationId: uuid('organisation_id').notNull(),
    webhookId: uuid('webhook_id').notNull(),
    eventTypes: text('event_types').array().$type<EventType[]>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.agentId] }),
    index('agent_webhooks_webhook_idx').on(t.webhookId),
    foreignKey({
      name: 'agent_webhooks_agent_fk',
      columns: [t.organisationId, t.agentId],
      foreignColumns: [agents.organisationId, agents.id],
    }).onDelete('cascade'),
    // Restrict, not cascade: deleting an endpoint that agents still use is refused (409), and this is the
    // backstop should a code path forget to check.
    foreignKey({
      name: 'agent_webhooks_webhook_fk',
      columns: [t.organisationId, t.webhookId],
      foreignColumns: [webhooks.organisationId, webhooks.id],
    }).onDelete('restrict'),
    check('agent_webhooks_event_types_check', sql`cardinality(${t.eventTypes}) > 0`),
  ],
);

/** Machine credentials for ingestion; only the SHA-256 of a key is kept. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    keyHash: text('key_hash').notNull().unique(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'date' }),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [index('api_keys_organisation_idx').on(t.organisationId, t.createdAt)],
);

/** A call event as received. (organisation, call, event type) is unique: a repeated event is a no-op. */
export const events = pgTable(
  'events',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id').notNull(),
    callId: text('call_id').notNull(),
    eventType: text('event_type').$type<EventType>().notNull(),
    /** The event's own fields (ingestion's `metadata`), exactly as validated. */
    details: jsonb('details').$type<Record<string, unknown>>().notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true, mode: 'date' })
      .notNull()
      .defaultNow(),
  },
  (t) => [
    unique('events_call_event_key').on(t.organisationId, t.callId, t.eventType),
    // Retention: events older than the retention period.
    index('events_received_idx').on(t.receivedAt),
    foreignKey({
      name: 'events_agent_fk',
      columns: [t.organisationId, t.agentId],
      foreignColumns: [agents.organisationId, agents.id],
    }).onDelete('cascade'),
  ],
);

export type DeliveryStatusValue = 'pending' | 'delivering' | 'succeeded' | 'failed' | 'skipped';

/**
 * One event to one endpoint: the outbox the worker drains. `body` is fixed at creation so that every
 * attempt sends — and signs — the same bytes. A call's deliveries to one endpoint form a lane ordered by
 * `sequence` (Start 0, End 1, Analytics 2): the worker holds a later one until the earlier ones are done.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    webhookId: uuid('webhook_id').notNull(),
    /** Null for test events, which belong to no agent or call. */
    eventId: uuid('event_id').references(() => events.id, { onDelete: 'cascade' }),
    agentId: uuid('agent_id'),
    callId: text('call_id').notNull(),
    eventType: text('event_type').$type<EventType>().notNull(),
    sequence: integer('sequence').notNull(),
    body: text('body').notNull(),
    status: text('status').$type<DeliveryStatusValue>().notNull(),
    attemptCount: integer('attempt_count').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true, mode: 'date' }),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true, mode: 'date' }),
    leasedBy: text('leased_by'),
    lastResponseStatus: integer('last_response_status'),
    lastDurationMs: doublePrecision('last_duration_ms'),
    lastError: text('last_error'),
    lastErrorCategory: text('last_error_category'),
    isTest: boolean('is_test').notNull().default(false),
    /** Set by a person's Redeliver (their name): the next attempt is recorded as theirs, then it clears. */
    manualAttemptBy: text('manual_attempt_by'),
    createdAt: createdAt(),
    completedAt: timestamp('completed_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    foreignKey({
      name: 'deliveries_webhook_fk',
      columns: [t.organisationId, t.webhookId],
      foreignColumns: [webhooks.organisationId, webhooks.id],
    }).onDelete('cascade'),
    // The worker's claim: the front of the queue of pending deliveries, in due order.
    index('deliveries_pending_idx')
      .on(t.nextAttemptAt, t.id)
      .where(sql`${t.status} = 'pending'`),
    // The same front, per organisation: the claim takes each organisation's front in turn (fairness).
    index('deliveries_pending_org_idx')
      .on(t.organisationId, t.nextAttemptAt, t.id)
      .where(sql`${t.status} = 'pending'`),
    // Expired leases (a worker died mid-attempt).
    index('deliveries_delivering_idx')
      .on(t.leaseExpiresAt)
      .where(sql`${t.status} = 'delivering'`),
    // Per-call order: earlier deliveries of the same lane.
    index('deliveries_lane_idx').on(t.webhookId, t.callId, t.sequence),
    // The inspector: newest first, within an organisation.
    index('deliveries_listing_idx').on(t.organisationId, t.createdAt, t.id),
    // The inspector's filters, each ending in (created_at, id): a filtered page is the front of one
    // index, read until the page is full (docs/decisions/0013-inspector-queries-and-indexes.md).
    index('deliveries_status_listing_idx').on(t.organisationId, t.status, t.createdAt, t.id),
    index('deliveries_webhook_listing_idx').on(t.webhookId, t.createdAt, t.id),
    // An endpoint's failures: its page filtered to failed, and bulk retries of them (retry-jobs.ts).
    index('deliveries_webhook_failed_idx')
      .on(t.webhookId, t.createdAt, t.id)
      .where(sql`${t.status} = 'failed'`),
    index('deliveries_agent_listing_idx').on(t.agentId, t.createdAt, t.id),
    index('deliveries_failure_listing_idx')
      .on(t.organisationId, t.lastErrorCategory, t.createdAt, t.id)
      .where(sql`${t.lastErrorCategory} is not null`),
    // Search by call id and the call view: one call's few deliveries, across endpoints.
    index('deliveries_call_idx').on(t.organisationId, t.callId),
    // Retention: finished deliveries, oldest completion first.
    index('deliveries_completed_idx')
      .on(t.completedAt)
      .where(sql`${t.status} in ('succeeded', 'failed', 'skipped')`),
    // Deleting an event (retention) finds its deliveries: the cascade, and the check that none is left.
    index('deliveries_event_idx').on(t.eventId),
    check(
      'deliveries_status_check',
      sql`${t.status} in ('pending', 'delivering', 'succeeded', 'failed', 'skipped')`,
    ),
  ],
);

/** Every attempt, with what was sent and what came back (body capped at 64 KiB). */
export const deliveryAttempts = pgTable(
  'delivery_attempts',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deliveryId: text('delivery_id')
      .notNull()
      .references(() => deliveries.id, { onDelete: 'cascade' }),
    number: integer('number').notNull(),
    /** scheduled | redelivery | redelivery_to_url (src/contract/deliveries.ts ATTEMPT_KINDS). */
    kind: text('kind').$type<AttemptKind>().notNull().default('scheduled'),
    /** The person who asked for a manual attempt (their name, kept if they leave). */
    requestedBy: text('requested_by'),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'date' }).notNull(),
    durationMs: doublePrecision('duration_ms').notNull(),
    /** Until the response's status line and headers arrived; null when none did. */
    headersMs: doublePrecision('headers_ms'),
    url: text('url').notNull(),
    requestHeaders: jsonb('request_headers').$type<Record<string, string>>().notNull(),
    responseStatus: integer('response_status'),
    responseHeaders: jsonb('response_headers').$type<Record<string, string>>(),
    /**
     * The receiver's body as text when it is UTF-8 that PostgreSQL can store, otherwise its bytes in
     * base64 (`response_body_encoding`): a receiver's NUL bytes must not make an attempt unrecordable.
     */
    responseBody: text('response_body'),
    responseBodyEncoding: text('response_body_encoding')
      .$type<'utf8' | 'base64'>()
      .notNull()
      .default('utf8'),
    responseTruncated: boolean('response_truncated').notNull().default(false),
    errorCategory: text('error_category'),
    errorMessage: text('error_message'),
  },
  (t) => [
    unique('delivery_attempts_number_key').on(t.deliveryId, t.number),
    check(
      'delivery_attempts_body_encoding_check',
      sql`${t.responseBodyEncoding} in ('utf8', 'base64')`,
    ),
    check(
      'delivery_attempts_kind_check',
      sql`${t.kind} in ('scheduled', 'redelivery', 'redelivery_to_url')`,
    ),
  ],
);

/**
 * "Retry every failed delivery of this endpoint since T", as a durable job: any worker process may take
 * it (under a lease), it re-queues in small batches from a keyset position it saves after each batch, and
 * so resumes where it was after a restart.
 */
export const retryJobs = pgTable(
  'retry_jobs',
  {
    id: uuid('id').primaryKey(),
    organisationId: uuid('organisation_id').notNull(),
    webhookId: uuid('webhook_id').notNull(),
    since: timestamp('since', { withTimezone: true, mode: 'date' }).notNull(),
    status: text('status').$type<RetryJobStatus>().notNull().default('running'),
    total: integer('total').notNull(),
    requeued: integer('requeued').notNull().default(0),
    /** Keyset position: the last delivery re-queued, in (created_at, id) order. */
    cursorCreatedAt: timestamp('cursor_created_at', { withTimezone: true, mode: 'date' }),
    cursorId: text('cursor_id'),
    leasedBy: text('leased_by'),
    leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true, mode: 'date' }),
    createdBy: text('created_by'),
    createdAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'date' }),
  },
  (t) => [
    foreignKey({
      name: 'retry_jobs_webhook_fk',
      columns: [t.organisationId, t.webhookId],
      foreignColumns: [webhooks.organisationId, webhooks.id],
    }).onDelete('cascade'),
    index('retry_jobs_webhook_idx').on(t.webhookId, t.createdAt),
    index('retry_jobs_running_idx')
      .on(t.createdAt)
      .where(sql`${t.status} = 'running'`),
    check('retry_jobs_status_check', sql`${t.status} in ('running', 'completed', 'cancelled')`),
  ],
);

/**
 * Endpoint health by hour, kept as attempts are recorded: attempts that got a 2xx and that did not, and a
 * histogram of accepted → 2xx times for deliveries that succeeded (bucket bounds in
 * src/contract/webhook-health.ts), so that the endpoint page's numbers never scan history.
 */
export const webhookHealthHourly = pgTable(
  'webhook_health_hourly',
  {
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    hour: timestamp('hour', { withTimezone: true, mode: 'date' }).notNull(),
    succeeded: integer('succeeded').notNull().default(0),
    failed: integer('failed').notNull().default(0),
    /** One count per bucket of HEALTH_LATENCY_BUCKETS_MS, plus one for slower. */
    latencyBuckets: integer('latency_buckets').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.webhookId, t.hour] })],
);
