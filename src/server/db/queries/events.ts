import { and, eq, sql } from 'drizzle-orm';
import type { EventType } from '@contract/event-types';
import { rowsOf, type Queryable } from '../database';
import { agentWebhooks, events, webhooks } from '../schema';

export async function findEventId(
  db: Queryable,
  organisationId: string,
  callId: string,
  eventType: EventType,
) {
  const [row] = await db
    .select({ id: events.id })
    .from(events)
    .where(
      and(
        eq(events.organisationId, organisationId),
        eq(events.callId, callId),
        eq(events.eventType, eventType),
      ),
    );
  return row?.id;
}

/** The endpoint (at most one) that this agent sends this event type to. */
export async function findSubscribedEndpoints(
  db: Queryable,
  organisationId: string,
  agentId: string,
  eventType: EventType,
) {
  return db
    .select({
      id: webhooks.id,
      url: webhooks.url,
      description: webhooks.description,
      status: webhooks.status,
    })
    .from(agentWebhooks)
    .innerJoin(webhooks, eq(webhooks.id, agentWebhooks.webhookId))
    .where(
      and(
        eq(agentWebhooks.organisationId, organisationId),
        eq(agentWebhooks.agentId, agentId),
        sql`${eventType} = any(${agentWebhooks.eventTypes})`,
      ),
    );
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
 * Stores an event and its delivery in one statement — atomic without an explicit transaction, and one
 * round trip instead of five, which is most of ingestion's cost on the embedded database. Returns
 * undefined when (organisation, call, event type) already exists: then nothing is stored.
 */
export async function storeEventWithDelivery(
  db: Queryable,
  input: StoreEventInput,
): Promise<string | undefined> {
  const { event, delivery } = input;
  const insertDelivery = delivery
    ? sql`, stored_delivery as (
        insert into deliveries (id, organisation_id, webhook_id, event_id, agent_id, call_id, event_type, sequence, body,
                                status, next_attempt_at, completed_at, last_error, last_error_category, created_at)
        select ${delivery.id}, ${event.organisationId}, ${delivery.webhookId}, stored_event.id, ${event.agentId}, ${event.callId},
               ${event.eventType}, ${delivery.sequence}, ${delivery.body}, ${delivery.status},
               ${delivery.nextAttemptAt}::timestamptz, ${delivery.completedAt}::timestamptz, ${delivery.lastError}::text, ${delivery.lastErrorCategory}::text, ${event.receivedAt}::timestamptz
        from stored_event
        returning id
      )`
    : sql``;
  const result = await db.execute(sql`
    with stored_event as (
      insert into events (id, organisation_id, agent_id, call_id, event_type, details, received_at)
      values (${event.id}, ${event.organisationId}, ${event.agentId}, ${event.callId}, ${event.eventType},
              ${JSON.stringify(event.details)}::jsonb, ${event.receivedAt}::timestamptz)
      on conflict (organisation_id, call_id, event_type) do nothing
      returning id
    )${insertDelivery}
    select stored_event.id from stored_event
  `);
  const [row] = rowsOf<{ id: string }>(result);
  return row?.id;
}
