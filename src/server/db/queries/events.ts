import { and, eq, sql } from 'drizzle-orm';
import type { EventType } from '@contract/event-types';
import type { Queryable } from '../database';
import { agentWebhooks, events, webhooks } from '../schema';

/** Inserts the event unless (organisation, call, event type) was received before; then returns undefined. */
export async function insertEventOnce(
  db: Queryable,
  values: { organisationId: string; agentId: string; callId: string; eventType: EventType; details: Record<string, unknown>; receivedAt: Date },
): Promise<string | undefined> {
  const [row] = await db
    .insert(events)
    .values({ id: crypto.randomUUID(), ...values })
    .onConflictDoNothing({ target: [events.organisationId, events.callId, events.eventType] })
    .returning({ id: events.id });
  return row?.id;
}

export async function findEventId(db: Queryable, organisationId: string, callId: string, eventType: EventType) {
  const [row] = await db
    .select({ id: events.id })
    .from(events)
    .where(and(eq(events.organisationId, organisationId), eq(events.callId, callId), eq(events.eventType, eventType)));
  return row?.id;
}

/** The endpoint (at most one) that this agent sends this event type to. */
export async function findSubscribedEndpoints(db: Queryable, organisationId: string, agentId: string, eventType: EventType) {
  return db
    .select({ id: webhooks.id, url: webhooks.url, description: webhooks.description, status: webhooks.status })
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
