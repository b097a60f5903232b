import { and, asc, eq, inArray } from 'drizzle-orm';
import type { EventType } from '@contract/event-types';
import type { Queryable } from '../database';
import { agents, agentWebhooks } from '../schema';

/** Replaces the agent's subscription (an agent has at most one endpoint). */
export async function upsertAgentWebhook(
  db: Queryable,
  values: { organisationId: string; agentId: string; webhookId: string; eventTypes: EventType[] },
  now: Date,
) {
  await db
    .insert(agentWebhooks)
    .values({ ...values, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: agentWebhooks.agentId,
      set: { webhookId: values.webhookId, eventTypes: values.eventTypes, updatedAt: now },
    });
}

/** Returns false when the agent had no subscription. */
export async function deleteAgentWebhook(
  db: Queryable,
  organisationId: string,
  agentId: string,
): Promise<boolean> {
  const deleted = await db
    .delete(agentWebhooks)
    .where(
      and(eq(agentWebhooks.organisationId, organisationId), eq(agentWebhooks.agentId, agentId)),
    )
    .returning({ agentId: agentWebhooks.agentId });
  return deleted.length > 0;
}

export type SubscriptionRow = Awaited<ReturnType<typeof listSubscriptions>>[number];

/** The subscriptions to the given endpoints (all of the organisation's when `webhookIds` is omitted), with agent names. */
export async function listSubscriptions(
  db: Queryable,
  organisationId: string,
  webhookIds?: string[],
) {
  return db
    .select({
      webhookId: agentWebhooks.webhookId,
      agentId: agentWebhooks.agentId,
      agentName: agents.name,
      eventTypes: agentWebhooks.eventTypes,
    })
    .from(agentWebhooks)
    .innerJoin(agents, eq(agents.id, agentWebhooks.agentId))
    .where(
      and(
        eq(agentWebhooks.organisationId, organisationId),
        webhookIds ? inArray(agentWebhooks.webhookId, webhookIds) : undefined,
      ),
    )
    .orderBy(asc(agents.name), asc(agents.id));
}
