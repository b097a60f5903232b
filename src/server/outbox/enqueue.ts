import { and, eq, inArray, or, sql } from 'drizzle-orm';
import type { EventType } from '@contract/event-types';
import { rowsOf, type Queryable } from '../db/database';
import { agentWebhooks, deliveries, events, webhooks } from '../db/schema';

/** The ids of events already stored, keyed `callId|eventType`, for the given organisation. */
export async function findEventIds(
  db: Queryable,
  organisationId: string,
  keys: { callId: string; eventType: EventType }[],
): Promise<Map<string, string>> {
  if (keys.length === 0) return new Map();
  const rows = await db
    .select({ id: events.id, callId: events.callId, eventType: events.eventType })
    .from(events)
    .where(
      and(
        eq(events.organisationId, organisationId),
        or(...keys.map((k) => and(eq(events.callId, k.callId), eq(events.eventType, k.eventType)))),
      ),
    );
  return new Map(rows.map((row) => [`${row.callId}|${row.eventType}`, row.id]));
}

export type SubscribedEndpointRow = Awaited<ReturnType<typeof findAgentEndpoints>>[number];

/** The endpoint (at most one each) of these agents, with the event types each sends there. */
export async function findAgentEndpoints(db: Queryable, agentIds: string[]) {
  if (agentIds.length === 0) return [];
  return db
    .select({
      organisationId: agentWebhooks.organisationId,
      agentId: agentWebhooks.agentId,
      eventTypes: agentWebhooks.eventTypes,
      id: webhooks.id,
      url: webhooks.url,
      description: webhooks.description,
      status: webhooks.status,
    })
    .from(agentWebhooks)
    .innerJoin(webhooks, eq(webhooks.id, agentWebhooks.webhookId))
    .where(inArray(agentWebhooks.agentId, agentIds));
}

export interface StoreEventInput {
  event: {
    id: string;
    organisationId: string;
    agentId: string;
    callId: string;
    eventType: EventType;
    details: Record<string, unknown>;
    receivedAt: Date;
  };
  /** The delivery to create with it, if the agent subscribes an endpoint to this event type. */
  delivery?: {
    id: string;
    webhookId: string;
    sequence: number;
    body: string;
    status: 'pending' | 'skipped';
    nextAttemptAt: Date | null;
    completedAt: Date | null;
    lastError: string | null;
    lastErrorCategory: 'endpoint_disabled' | null;
  };
}

/**
 * Stores events and their deliveries in one statement — atomic without an explicit transaction, and one
 * round trip for a whole batch, which is most of ingestion's cost on the embedded database. An event
 * whose (organisation, call, event type) already exists is skipped, with its delivery. Returns the ids
 * of the events stored now.
 */
export async function storeEventsWithDeliveries(
  db: Queryable,
  inputs: StoreEventInput[],
): Promise<Set<string>> {
  if (inputs.length === 0) return new Set();
  const rows = inputs.map(({ event, delivery }) => {
    const d = delivery;
    return sql`(
      ${event.id}::uuid, ${event.organisationId}::uuid, ${event.agentId}::uuid, ${event.callId}::text,
      ${event.eventType}::text, ${JSON.stringify(event.details)}::jsonb, ${event.receivedAt}::timestamptz,
      ${d?.id ?? null}::text, ${d?.webhookId ?? null}::uuid, ${d?.sequence ?? null}::integer, ${d?.body ?? null}::text,
      ${d?.status ?? null}::text, ${d?.nextAttemptAt ?? null}::timestamptz, ${d?.completedAt ?? null}::timestamptz,
      ${d?.lastError ?? null}::text, ${d?.lastErrorCategory ?? null}::text
    )`;
  });
  const result = await db.execute(sql`
    with input (event_id, organisation_id, agent_id, call_id, event_type, details, received_at, delivery_id,
                webhook_id, sequence, body, status, next_attempt_at, completed_at, last_error, last_error_category) as (
      values ${sql.join(rows, sql`, `)}
    ),
    stored_event as (
      insert into events (id, organisation_id, agent_id, call_id, event_type, details, received_at)
      select event_id, organisation_id, agent_id, call_id, event_type, details, received_at from input
      on conflict (organisation_id, call_id, event_type) do nothing
      returning id
    ),
    stored_delivery as (
      insert into deliveries (id, organisation_id, webhook_id, event_id, agent_id, call_id, event_type, sequence, body,
                              status, next_attempt_at, completed_at, last_error, last_error_category, created_at)
      select i.delivery_id, i.organisation_id, i.webhook_id, i.event_id, i.agent_id, i.call_id, i.event_type, i.sequence,
             i.body, i.status, i.next_attempt_at, i.completed_at, i.last_error, i.last_error_category, i.received_at
      from input i
      join stored_event s on s.id = i.event_id
      where i.delivery_id is not null
      returning id
    )
    select id from stored_event
  `);
  return new Set(rowsOf<{ id: string }>(result).map((row) => row.id));
}

export type DeliveryRow = typeof deliveries.$inferSelect;
export type NewDelivery = typeof deliveries.$inferInsert;

export async function insertDeliveries(db: Queryable, rows: NewDelivery[]) {
  if (rows.length > 0) await db.insert(deliveries).values(rows);
}

/** Start, End, Analytics Completed: the order a call's deliveries to one endpoint go in. */
export const EVENT_SEQUENCE: Record<EventType, number> = {
  'pre-conversation': 0,
  'post-conversation': 1,
  'analytics-completed': 2,
};
