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
  foreignKey,
  index,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import type { EventType } from '@contract/event-types';
import type { Role } from '@contract/auth';
import type { WebhookStatus } from '@contract/webhooks';

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
    succeeded: boolean('succeeded').notNull(),
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
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('agents_organisation_idx').on(t.organisationId, t.name),
    unique('agents_organisation_id_key').on(t.organisationId, t.id),
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
